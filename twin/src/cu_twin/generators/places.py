"""Real Australian (suburb, state, postcode, remoteness) tuples, weighted by population.

Faker's en_AU provider draws suburb, state and postcode independently, so its addresses
are inconsistent (06 section 1); the twin draws whole tuples from this curated table.
Remoteness: M metro, R regional city or town, X rural or remote. Weights are rough
relative populations (about two-thirds of members live in a capital city).
"""

from __future__ import annotations

from dataclasses import dataclass

from cu_twin.config.enums import AuState, LocationClass

REMOTENESS_BY_LOCATION = {
    LocationClass.METRO: "M",
    LocationClass.REGIONAL: "R",
    LocationClass.RURAL: "X",
}

# Street-delivery postcode ranges per state (inclusive); PO-box and LVR blocks excluded.
DELIVERY_POSTCODE_RANGES: dict[AuState, tuple[tuple[int, int], ...]] = {
    AuState.NSW: ((2000, 2599), (2619, 2899), (2921, 2999)),
    AuState.ACT: ((2600, 2618), (2900, 2920)),
    AuState.VIC: ((3000, 3999),),
    AuState.QLD: ((4000, 4999),),
    AuState.SA: ((5000, 5799),),
    AuState.WA: ((6000, 6797),),
    AuState.TAS: ((7000, 7799),),
    AuState.NT: ((800, 899),),
}


@dataclass(frozen=True, slots=True)
class Place:
    suburb: str
    state: AuState
    postcode: str
    remoteness: str
    weight: float

    @property
    def location_class(self) -> LocationClass:
        return {code: location for location, code in REMOTENESS_BY_LOCATION.items()}[
            self.remoteness
        ]


def postcode_in_state(postcode: str, state: AuState) -> bool:
    """True when the 4-digit ``postcode`` is a street-delivery postcode of ``state``."""
    if len(postcode) != 4 or not postcode.isdigit():
        return False
    number = int(postcode)
    return any(low <= number <= high for low, high in DELIVERY_POSTCODE_RANGES[state])


_NSW, _ACT, _VIC, _QLD = AuState.NSW, AuState.ACT, AuState.VIC, AuState.QLD
_SA, _WA, _TAS, _NT = AuState.SA, AuState.WA, AuState.TAS, AuState.NT

# fmt: off
_TABLE: tuple[tuple[str, AuState, str, str, float], ...] = (
    # NSW metro (Sydney)
    ("Sydney", _NSW, "2000", "M", 4), ("Parramatta", _NSW, "2150", "M", 5),
    ("Newtown", _NSW, "2042", "M", 3), ("Bondi Beach", _NSW, "2026", "M", 3),
    ("Blacktown", _NSW, "2148", "M", 5), ("Penrith", _NSW, "2750", "M", 4),
    ("Chatswood", _NSW, "2067", "M", 3), ("Manly", _NSW, "2095", "M", 2),
    ("Liverpool", _NSW, "2170", "M", 5), ("Hurstville", _NSW, "2220", "M", 3),
    ("Bankstown", _NSW, "2200", "M", 4), ("Cronulla", _NSW, "2230", "M", 2),
    ("Randwick", _NSW, "2031", "M", 3), ("Marrickville", _NSW, "2204", "M", 3),
    ("Hornsby", _NSW, "2077", "M", 3), ("Castle Hill", _NSW, "2154", "M", 4),
    ("Ryde", _NSW, "2112", "M", 3), ("Strathfield", _NSW, "2135", "M", 2),
    ("Campbelltown", _NSW, "2560", "M", 4), ("Surry Hills", _NSW, "2010", "M", 2),
    ("Burwood", _NSW, "2134", "M", 2), ("Auburn", _NSW, "2144", "M", 3),
    ("Fairfield", _NSW, "2165", "M", 3), ("Cabramatta", _NSW, "2166", "M", 3),
    ("Dee Why", _NSW, "2099", "M", 2), ("Kogarah", _NSW, "2217", "M", 2),
    ("Mosman", _NSW, "2088", "M", 2),
    # NSW regional and rural
    ("Newcastle", _NSW, "2300", "R", 5), ("Wollongong", _NSW, "2500", "R", 5),
    ("Gosford", _NSW, "2250", "R", 4), ("Wagga Wagga", _NSW, "2650", "R", 2),
    ("Dubbo", _NSW, "2830", "R", 2), ("Albury", _NSW, "2640", "R", 2),
    ("Tamworth", _NSW, "2340", "R", 2), ("Orange", _NSW, "2800", "R", 2),
    ("Bathurst", _NSW, "2795", "R", 2), ("Port Macquarie", _NSW, "2444", "R", 2),
    ("Coffs Harbour", _NSW, "2450", "R", 2), ("Lismore", _NSW, "2480", "R", 1),
    ("Tweed Heads", _NSW, "2485", "R", 2), ("Armidale", _NSW, "2350", "R", 1),
    ("Goulburn", _NSW, "2580", "R", 1), ("Queanbeyan", _NSW, "2620", "R", 2),
    ("Broken Hill", _NSW, "2880", "X", 2), ("Bourke", _NSW, "2840", "X", 1),
    ("Cobar", _NSW, "2835", "X", 1), ("Moree", _NSW, "2400", "X", 1),
    ("Walgett", _NSW, "2832", "X", 1), ("Hay", _NSW, "2711", "X", 1),
    # ACT
    ("Canberra", _ACT, "2601", "M", 2), ("Barton", _ACT, "2600", "M", 1),
    ("Kingston", _ACT, "2604", "M", 1), ("Phillip", _ACT, "2606", "M", 1),
    ("Belconnen", _ACT, "2617", "M", 2), ("Greenway", _ACT, "2900", "M", 1),
    ("Gungahlin", _ACT, "2912", "M", 2), ("Braddon", _ACT, "2612", "M", 1),
    ("Dickson", _ACT, "2602", "M", 1),
    # VIC metro (Melbourne)
    ("Melbourne", _VIC, "3000", "M", 4), ("Richmond", _VIC, "3121", "M", 3),
    ("Brighton", _VIC, "3186", "M", 2), ("Dandenong", _VIC, "3175", "M", 4),
    ("Frankston", _VIC, "3199", "M", 3), ("St Kilda", _VIC, "3182", "M", 2),
    ("Footscray", _VIC, "3011", "M", 3), ("Box Hill", _VIC, "3128", "M", 3),
    ("Carlton", _VIC, "3053", "M", 2), ("Fitzroy", _VIC, "3065", "M", 2),
    ("Sunshine", _VIC, "3020", "M", 3), ("Werribee", _VIC, "3030", "M", 4),
    ("Glen Waverley", _VIC, "3150", "M", 3), ("Ringwood", _VIC, "3134", "M", 3),
    ("Preston", _VIC, "3072", "M", 3), ("Brunswick", _VIC, "3056", "M", 3),
    ("Hawthorn", _VIC, "3122", "M", 2), ("Camberwell", _VIC, "3124", "M", 2),
    ("Cranbourne", _VIC, "3977", "M", 4),
    # VIC regional and rural
    ("Geelong", _VIC, "3220", "R", 5), ("Ballarat", _VIC, "3350", "R", 3),
    ("Bendigo", _VIC, "3550", "R", 3), ("Shepparton", _VIC, "3630", "R", 2),
    ("Mildura", _VIC, "3500", "R", 2), ("Warrnambool", _VIC, "3280", "R", 2),
    ("Traralgon", _VIC, "3844", "R", 2), ("Wodonga", _VIC, "3690", "R", 2),
    ("Sale", _VIC, "3850", "R", 1), ("Wangaratta", _VIC, "3677", "R", 1),
    ("Horsham", _VIC, "3400", "X", 1), ("Hamilton", _VIC, "3300", "X", 1),
    ("Swan Hill", _VIC, "3585", "X", 1), ("Portland", _VIC, "3305", "X", 1),
    # QLD metro (Brisbane)
    ("Brisbane City", _QLD, "4000", "M", 3), ("Fortitude Valley", _QLD, "4006", "M", 2),
    ("Ipswich", _QLD, "4305", "M", 4), ("South Brisbane", _QLD, "4101", "M", 2),
    ("Chermside", _QLD, "4032", "M", 3), ("Indooroopilly", _QLD, "4068", "M", 2),
    ("Carindale", _QLD, "4152", "M", 2), ("Logan Central", _QLD, "4114", "M", 3),
    ("Redcliffe", _QLD, "4020", "M", 2), ("Toowong", _QLD, "4066", "M", 2),
    # QLD regional and rural
    ("Southport", _QLD, "4215", "R", 5), ("Coolangatta", _QLD, "4225", "R", 2),
    ("Maroochydore", _QLD, "4558", "R", 3), ("Toowoomba", _QLD, "4350", "R", 3),
    ("Rockhampton", _QLD, "4700", "R", 2), ("Townsville", _QLD, "4810", "R", 3),
    ("Cairns", _QLD, "4870", "R", 3), ("Mackay", _QLD, "4740", "R", 2),
    ("Bundaberg", _QLD, "4670", "R", 2), ("Hervey Bay", _QLD, "4655", "R", 2),
    ("Gladstone", _QLD, "4680", "R", 1),
    ("Longreach", _QLD, "4730", "X", 1), ("Mount Isa", _QLD, "4825", "X", 1),
    ("Charleville", _QLD, "4470", "X", 1), ("Emerald", _QLD, "4720", "X", 1),
    ("Roma", _QLD, "4455", "X", 1),
    # SA
    ("Adelaide", _SA, "5000", "M", 2), ("Glenelg", _SA, "5045", "M", 1),
    ("Norwood", _SA, "5067", "M", 1), ("Elizabeth", _SA, "5112", "M", 2),
    ("Salisbury", _SA, "5108", "M", 2), ("Unley", _SA, "5061", "M", 1),
    ("Port Adelaide", _SA, "5015", "M", 1), ("Marion", _SA, "5043", "M", 2),
    ("Modbury", _SA, "5092", "M", 1),
    ("Murray Bridge", _SA, "5253", "R", 1), ("Mount Gambier", _SA, "5290", "R", 1),
    ("Whyalla", _SA, "5600", "R", 1), ("Port Lincoln", _SA, "5606", "R", 1),
    ("Port Augusta", _SA, "5700", "R", 1), ("Victor Harbor", _SA, "5211", "R", 1),
    ("Port Pirie", _SA, "5540", "R", 1),
    ("Coober Pedy", _SA, "5723", "X", 1), ("Ceduna", _SA, "5690", "X", 1),
    ("Roxby Downs", _SA, "5725", "X", 1),
    # WA
    ("Perth", _WA, "6000", "M", 2), ("Subiaco", _WA, "6008", "M", 1),
    ("Joondalup", _WA, "6027", "M", 2), ("Fremantle", _WA, "6160", "M", 2),
    ("Scarborough", _WA, "6019", "M", 1), ("Rockingham", _WA, "6168", "M", 2),
    ("Midland", _WA, "6056", "M", 1), ("Armadale", _WA, "6112", "M", 2),
    ("Cannington", _WA, "6107", "M", 1), ("Morley", _WA, "6062", "M", 1),
    ("Mandurah", _WA, "6210", "R", 2), ("Bunbury", _WA, "6230", "R", 2),
    ("Albany", _WA, "6330", "R", 1), ("Kalgoorlie", _WA, "6430", "R", 1),
    ("Geraldton", _WA, "6530", "R", 1), ("Busselton", _WA, "6280", "R", 1),
    ("Karratha", _WA, "6714", "X", 1), ("Broome", _WA, "6725", "X", 1),
    ("Port Hedland", _WA, "6721", "X", 1), ("Esperance", _WA, "6450", "X", 1),
    ("Carnarvon", _WA, "6701", "X", 1),
    # TAS
    ("Hobart", _TAS, "7000", "M", 1), ("Sandy Bay", _TAS, "7005", "M", 1),
    ("Glenorchy", _TAS, "7010", "M", 1), ("Kingston", _TAS, "7050", "M", 1),
    ("Bellerive", _TAS, "7018", "M", 1),
    ("Launceston", _TAS, "7250", "R", 2), ("Devonport", _TAS, "7310", "R", 1),
    ("Burnie", _TAS, "7320", "R", 1), ("Ulverstone", _TAS, "7315", "R", 1),
    ("Queenstown", _TAS, "7467", "X", 1), ("St Helens", _TAS, "7216", "X", 1),
    ("Scottsdale", _TAS, "7260", "X", 1),
    # NT
    ("Darwin", _NT, "0800", "M", 1), ("Casuarina", _NT, "0810", "M", 1),
    ("Palmerston", _NT, "0830", "M", 1),
    ("Katherine", _NT, "0850", "R", 1), ("Alice Springs", _NT, "0870", "R", 1),
    ("Tennant Creek", _NT, "0860", "X", 1), ("Nhulunbuy", _NT, "0880", "X", 1),
)
# fmt: on

PLACES: tuple[Place, ...] = tuple(Place(*row) for row in _TABLE)


def places_in(location: LocationClass) -> tuple[Place, ...]:
    """The table's places of one location class (metro, regional or rural)."""
    code = REMOTENESS_BY_LOCATION[location]
    return tuple(place for place in PLACES if place.remoteness == code)
