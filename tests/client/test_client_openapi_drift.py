"""The client against the committed OpenAPI document: operations and models must agree.

``drift(doc)`` lists every disagreement between ``openapi.json`` and the client:
- each operationId has a row in ``_endpoints.ENDPOINTS`` (and no row is stale) with the
  same HTTP method, path and query parameters, a method of that name on ``Client`` and
  ``AsyncClient``, and the response model that stands for the documented 2xx schema;
- each response model has the fields of its component schema: every property, and no
  field the schema lacks unless it allows additionalProperties (then the model keeps
  extras too); no field required that the schema leaves optional; JSON types, nested
  models and enums match.
The real document must give no drift; doctored copies prove the check bites.
"""

from __future__ import annotations

import copy
import json
import types
import typing
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

import turingcore_client as tc
from turingcore_client._endpoints import ENDPOINTS

OPENAPI = Path(__file__).resolve().parents[2] / "openapi.json"
HTTP_METHODS = {"get", "post", "put", "patch", "delete"}

MODEL_SCHEMAS: dict[type[BaseModel], str] = {
    tc.Problem: "Problem",
    tc.CommandResult: "CommandResult",
    tc.RejectedResult: "RejectedResult",
    tc.BatchResults: "BatchResults",
    tc.Tenant: "Tenant",
    tc.Product: "Product",
    tc.ProductList: "Products",
    tc.Customer: "Customer",
    tc.CustomerPage: "Customers",
    tc.Account: "Account",
    tc.AccountPage: "Accounts",
    tc.Event: "Event",
    tc.EventPage: "Events",
    tc.AccountEventPage: "AccountEvents",
    tc.TrialBalance: "TrialBalance",
    tc.TrialBalanceLine: "TrialBalanceLine",
    tc.TrialBalanceTotals: "TrialBalanceTotals",
    tc.ChainHead: "ChainHead",
    tc.ChainVerification: "ChainVerification",
    tc.ApiKeyCreated: "ApiKeyCreated",
    tc.ApiKey: "ApiKey",
    tc.ApiKeyList: "ApiKeys",
    tc.Health: "Health",
}


def load_doc() -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(OPENAPI.read_text(encoding="utf-8"))
    return doc


def _ref_name(schema: dict[str, Any]) -> str | None:
    ref = schema.get("$ref")
    return ref.rsplit("/", 1)[-1] if isinstance(ref, str) else None


def _success_schema(operation: dict[str, Any]) -> str | None:
    for status, response in sorted(operation.get("responses", {}).items()):
        if status.startswith("2"):
            schema = response.get("content", {}).get("application/json", {}).get("schema", {})
            return _ref_name(schema)
    return None


def operation_drift(doc: dict[str, Any]) -> list[str]:
    problems: list[str] = []
    seen: set[str] = set()
    for path, item in doc["paths"].items():
        for http_method, operation in item.items():
            if http_method not in HTTP_METHODS:
                continue
            op_id = operation["operationId"]
            seen.add(op_id)
            endpoint = ENDPOINTS.get(op_id)
            if endpoint is None:
                problems.append(f"{op_id}: no client endpoint")
                continue
            if (endpoint.http_method, endpoint.path) != (http_method.upper(), path):
                problems.append(f"{op_id}: client calls {endpoint.http_method} {endpoint.path}")
            query = {p["name"] for p in operation.get("parameters", []) if p["in"] == "query"}
            if set(endpoint.query) != query:
                problems.append(f"{op_id}: query {sorted(endpoint.query)} != {sorted(query)}")
            for cls in (tc.Client, tc.AsyncClient):
                if not callable(getattr(cls, endpoint.client_method, None)):
                    problems.append(f"{op_id}: no {cls.__name__}.{endpoint.client_method}")
            documented = _success_schema(operation)
            model = endpoint.response_model
            mapped = MODEL_SCHEMAS.get(model) if model is not None else None
            if documented != mapped:
                problems.append(f"{op_id}: answers {documented}, client reads {mapped}")
    problems.extend(f"{op_id}: not in the document" for op_id in set(ENDPOINTS) - seen)
    return problems


def _models_in(annotation: Any) -> set[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return {annotation}
    found: set[type[BaseModel]] = set()
    for arg in typing.get_args(annotation):
        found |= _models_in(arg)
    return found


def _literals_in(annotation: Any) -> set[Any] | None:
    if typing.get_origin(annotation) is typing.Literal:
        return set(typing.get_args(annotation))
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            values = _literals_in(arg)
            if values is not None:
                return values
    return None


def _property_refs(prop: dict[str, Any]) -> set[str]:
    refs = {_ref_name(prop)} | {_ref_name(prop.get("items", {}))}
    for option in prop.get("anyOf", []) + prop.get("items", {}).get("anyOf", []):
        refs |= _property_refs(option)
    return {r for r in refs if r is not None}


_PY_JSON_TYPES = {str: "string", int: "integer", bool: "boolean", float: "number"}
_PY_JSON_TYPES |= {dict: "object", list: "array", type(None): "null"}


def _json_types(prop: dict[str, Any]) -> set[str]:
    """The JSON types a property may hold (a $ref counts as an object)."""
    found = {prop["type"]} if isinstance(prop.get("type"), str) else set()
    if "$ref" in prop:
        found.add("object")
    for option in prop.get("anyOf", []):
        found |= _json_types(option)
    return found


def _annotation_types(annotation: Any) -> set[str]:
    """The JSON types a field annotation accepts; empty when it accepts anything."""
    if annotation is Any:
        return set()
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return {"object"}
    origin = typing.get_origin(annotation)
    if origin is typing.Literal:
        return {_PY_JSON_TYPES[type(v)] for v in typing.get_args(annotation)}
    if origin in (typing.Union, types.UnionType):
        return set().union(*(_annotation_types(a) for a in typing.get_args(annotation)))
    if origin is typing.Annotated:
        return _annotation_types(typing.get_args(annotation)[0])
    return {_PY_JSON_TYPES[origin or annotation]}


def _property_enum(prop: dict[str, Any]) -> set[Any] | None:
    if "const" in prop:
        return {prop["const"]}
    if "enum" in prop:
        return set(prop["enum"])
    return None


def model_drift(doc: dict[str, Any], model: type[BaseModel], schema_name: str) -> list[str]:
    schema = doc["components"]["schemas"].get(schema_name)
    if schema is None:
        return [f"{model.__name__}: schema {schema_name} is gone"]
    where = f"{model.__name__} vs {schema_name}"
    fields = {(f.alias or name): f for name, f in model.model_fields.items()}
    properties: dict[str, Any] = schema.get("properties", {})
    required = set(schema.get("required", []))
    open_schema = schema.get("additionalProperties") is True
    problems = [
        f"{where}: no field for property {p}" for p in sorted(set(properties) - set(fields))
    ]
    if not open_schema:
        problems += [
            f"{where}: field {f} not in schema" for f in sorted(set(fields) - set(properties))
        ]
    if open_schema != (model.model_config.get("extra") == "allow"):
        problems.append(f"{where}: additionalProperties={open_schema} but extra is not matching")
    for alias, field in fields.items():
        if field.is_required() and alias not in required:
            problems.append(f"{where}: field {alias} required but optional in the schema")
        prop = properties.get(alias)
        if prop is None:
            continue
        refs = _property_refs(prop)
        mapped = {MODEL_SCHEMAS.get(m) for m in _models_in(field.annotation)}
        if refs != mapped - {None}:
            problems.append(f"{where}: field {alias} holds {sorted(refs)}, model {mapped}")
        json_types, field_types = _json_types(prop), _annotation_types(field.annotation)
        if json_types and field_types and json_types != field_types:
            problems.append(f"{where}: field {alias} is {sorted(json_types)}, model {field_types}")
        enum, literal = _property_enum(prop), _literals_in(field.annotation)
        if literal is not None and enum != literal:
            problems.append(f"{where}: field {alias} values {enum} != {literal}")
    return problems


def drift(doc: dict[str, Any]) -> list[str]:
    problems = operation_drift(doc)
    for model, schema_name in MODEL_SCHEMAS.items():
        problems += model_drift(doc, model, schema_name)
    return problems


def test_the_client_matches_the_committed_openapi_document() -> None:
    assert drift(load_doc()) == []


def test_every_exported_response_model_is_checked() -> None:
    exported = {
        getattr(tc, n)
        for n in tc.__all__
        if isinstance(getattr(tc, n), type) and issubclass(getattr(tc, n), BaseModel)
    }
    assert exported == set(MODEL_SCHEMAS)


@pytest.mark.parametrize(
    ("doctor", "expected"),
    [
        (
            lambda d: d["paths"]["/tenants/{tenantId}"]["get"].update(operationId="fetchTenant"),
            "fetchTenant: no client endpoint",
        ),
        (
            lambda d: d["paths"]["/tenants/{tenantId}/events"]["get"]["parameters"].append(
                {"in": "query", "name": "eventType", "schema": {"type": "string"}}
            ),
            "listEvents: query",
        ),
        (
            lambda d: d["components"]["schemas"]["ChainHead"]["properties"].update(
                algorithm={"type": "string"}
            ),
            "ChainHead vs ChainHead: no field for property algorithm",
        ),
        (
            lambda d: d["components"]["schemas"]["ChainHead"]["properties"].pop("hash"),
            "ChainHead vs ChainHead: field hash not in schema",
        ),
        (
            lambda d: d["components"]["schemas"]["Tenant"]["required"].remove("status"),
            "Tenant vs Tenant: field status required but optional",
        ),
        (
            lambda d: d["components"]["schemas"]["Account"]["properties"]["kind"].update(
                enum=["MEMBER", "GL", "NOSTRO"]
            ),
            "Account vs Account: field kind values",
        ),
        (
            lambda d: d["components"]["schemas"]["ChainHead"]["properties"].update(
                position={"type": "string"}
            ),
            "ChainHead vs ChainHead: field position is ['string']",
        ),
        (
            lambda d: d["components"]["schemas"]["RejectedResult"]["properties"].update(
                problem={"$ref": "#/components/schemas/HTTPValidationError"}
            ),
            "RejectedResult vs RejectedResult: field problem holds",
        ),
        (
            lambda d: d["components"]["schemas"]["Product"].pop("additionalProperties"),
            "Product vs Product: additionalProperties=False",
        ),
    ],
)
def test_the_drift_check_fails_when_the_document_moves(doctor: Any, expected: str) -> None:
    doc = copy.deepcopy(load_doc())
    doctor(doc)
    assert any(p.startswith(expected) for p in drift(doc)), drift(doc)
