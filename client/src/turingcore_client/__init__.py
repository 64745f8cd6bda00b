"""turingcore_client: the typed Python client of the TuringCore public HTTP API.

    from turingcore_client import Client, Actor, post_entry, debit, credit, command_id_for

    with Client(core_url, api_key) as client:
        result = client.send(post_entry("CU_X", legs=[debit("GL_SALARY_CLEARING", 250_000),
                                                       credit(account_id, 250_000)], ...))

Commands are built by the typed builders (``create_tenant``, ``upsert_product``,
``create_customer``, ``open_account``, ``post_entry``) and sent with ``send``,
``send_batch`` (one ``:batch``), ``send_many`` or a ``BatchSender`` (any number, in full
batches). Queries return pydantic models; ``iter_*`` walk every page. Failures raise the
``TuringCoreError`` tree of ``_errors``. Money goes in as int cents or Decimal, comes out
as decimal strings with ``*_cents`` helpers, and is never a float.
"""

from turingcore_client._async_client import AsyncClient
from turingcore_client._batch_sender import AsyncBatchSender, BatchSender
from turingcore_client._batching import BATCH_BODY_BYTES_MAX, BATCH_COMMANDS_MAX
from turingcore_client._calls import AccountKind, ApiKeyScope
from turingcore_client._client import Client
from turingcore_client._commands import (
    create_customer,
    create_tenant,
    open_account,
    post_entry,
    upsert_product,
)
from turingcore_client._config import DEFAULT_TIMEOUT_S
from turingcore_client._envelope import (
    COMMAND_ID_NAMESPACE,
    Actor,
    ActorType,
    AddressInput,
    CommandEnvelope,
    CommandType,
    Direction,
    Leg,
    PersonInput,
    ProductType,
    command_id_for,
    credit,
    debit,
    envelope,
    new_command_id,
)
from turingcore_client._errors import (
    ApiError,
    AtomicBatchRejected,
    BadRequest,
    Forbidden,
    IdempotencyConflict,
    NotFound,
    PayloadTooLarge,
    RateLimited,
    RuleViolation,
    ServerError,
    TransportError,
    TuringCoreError,
    Unauthenticated,
    UnexpectedResponse,
)
from turingcore_client._models import (
    Account,
    AccountEventPage,
    AccountPage,
    ApiKey,
    ApiKeyCreated,
    ApiKeyList,
    BatchResults,
    ChainHead,
    ChainVerification,
    CommandResult,
    Customer,
    CustomerPage,
    Event,
    EventPage,
    Health,
    Problem,
    Product,
    ProductList,
    RawEventPage,
    RejectedResult,
    Tenant,
    TrialBalance,
    TrialBalanceLine,
    TrialBalanceTotals,
)
from turingcore_client._money import Money, format_money, to_cents
from turingcore_client._pagination import PAGE_SIZE_MAX
from turingcore_client._retry import RETRY_ATTEMPTS_MAX, RetryPolicy

__version__ = "0.1.0"

__all__ = [
    "BATCH_BODY_BYTES_MAX",
    "BATCH_COMMANDS_MAX",
    "COMMAND_ID_NAMESPACE",
    "DEFAULT_TIMEOUT_S",
    "PAGE_SIZE_MAX",
    "RETRY_ATTEMPTS_MAX",
    "Account",
    "AccountEventPage",
    "AccountKind",
    "AccountPage",
    "Actor",
    "ActorType",
    "AddressInput",
    "ApiError",
    "ApiKey",
    "ApiKeyCreated",
    "ApiKeyList",
    "ApiKeyScope",
    "AsyncBatchSender",
    "AsyncClient",
    "AtomicBatchRejected",
    "BadRequest",
    "BatchResults",
    "BatchSender",
    "ChainHead",
    "ChainVerification",
    "Client",
    "CommandEnvelope",
    "CommandResult",
    "CommandType",
    "Customer",
    "CustomerPage",
    "Direction",
    "Event",
    "EventPage",
    "Forbidden",
    "Health",
    "IdempotencyConflict",
    "Leg",
    "Money",
    "NotFound",
    "PayloadTooLarge",
    "PersonInput",
    "Problem",
    "Product",
    "ProductList",
    "ProductType",
    "RateLimited",
    "RawEventPage",
    "RejectedResult",
    "RetryPolicy",
    "RuleViolation",
    "ServerError",
    "Tenant",
    "TransportError",
    "TrialBalance",
    "TrialBalanceLine",
    "TrialBalanceTotals",
    "TuringCoreError",
    "Unauthenticated",
    "UnexpectedResponse",
    "__version__",
    "command_id_for",
    "create_customer",
    "create_tenant",
    "credit",
    "debit",
    "envelope",
    "format_money",
    "new_command_id",
    "open_account",
    "post_entry",
    "to_cents",
    "upsert_product",
]
