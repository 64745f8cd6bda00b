import httpx

from tests.support.core_process import CoreProcess


def test_a_started_core_answers_ready_and_refuses_anonymous_queries(core: CoreProcess) -> None:
    assert httpx.get(f"{core.url}/health/ready").status_code == 200
    response = httpx.get(f"{core.url}/tenants/ANY_TENANT")
    assert response.status_code == 401
    assert response.headers["content-type"].startswith("application/problem+json")
