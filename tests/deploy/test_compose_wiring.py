"""The files of deploy/ agree with each other: what Prometheus scrapes is where the services
listen, what Prometheus and Grafana read is mounted where they read it, and the core and
``migrate`` connect as the roles docs/production-store.md prescribes."""

from __future__ import annotations

from typing import Any

from tests.deploy.deploy_files import (
    ALERTS_FILE,
    DEPLOY,
    dashboard,
    env_example,
    interpolate,
    load_yaml,
    service_argv,
    services,
)

PROMETHEUS = load_yaml(DEPLOY / "prometheus" / "prometheus.yml")
DATASOURCES = load_yaml(DEPLOY / "grafana" / "provisioning" / "datasources" / "prometheus.yaml")
PROVIDERS = load_yaml(DEPLOY / "grafana" / "provisioning" / "dashboards" / "dashboards.yaml")


def option(argv: list[str], flag: str) -> str:
    assert flag in argv, f"{flag} not in {argv}"
    return argv[argv.index(flag) + 1]


def listening_port(name: str) -> int:
    """The container port a compose service listens on: its --port, else its published one."""
    service = services()[name]
    if service.get("build") is not None and "--port" in service_argv(service):
        return int(option(service_argv(service), "--port"))
    container_ports = {int(p.rsplit(":", 1)[1]) for p in service.get("ports", [])}
    assert len(container_ports) == 1, f"{name}: which port? {container_ports}"
    return container_ports.pop()


def mounts(name: str) -> dict[str, str]:
    """Container path -> source (relative bind path or volume name) of a service."""
    found: dict[str, str] = {}
    for mount in services()[name].get("volumes", []):
        source, target = mount.split(":")[:2]
        found[target] = source
    return found


def test_published_ports_are_the_ports_the_servers_listen_on() -> None:
    for name, service in services().items():
        for port in service.get("ports", []):
            assert int(port.rsplit(":", 1)[1]) == listening_port(name), name


def test_prometheus_scrapes_the_core_and_the_pushgateway_where_they_listen() -> None:
    jobs = {job["job_name"]: job for job in PROMETHEUS["scrape_configs"]}
    assert jobs["pushgateway"].get("honor_labels") is True
    assert jobs["turingcore"].get("metrics_path", "/metrics") == "/metrics"
    for job_name, service in (("turingcore", "core"), ("pushgateway", "pushgateway")):
        targets = [t for c in jobs[job_name]["static_configs"] for t in c["targets"]]
        assert targets == [f"{service}:{listening_port(service)}"], job_name


def test_prometheus_reads_the_alert_rules_from_where_compose_mounts_them() -> None:
    mounted = mounts("prometheus")
    for rule_file in PROMETHEUS["rule_files"]:
        assert (DEPLOY / mounted[rule_file]).resolve() == ALERTS_FILE.resolve()
    config_flag = next(a for a in services()["prometheus"]["command"] if "config.file" in a)
    assert mounted[config_flag.split("=", 1)[1]] == "./prometheus/prometheus.yml"


def test_grafana_provisions_the_prometheus_datasource_and_the_dashboard_folder() -> None:
    mounted = mounts("grafana")
    assert mounted["/etc/grafana/provisioning"] == "./grafana/provisioning"
    [provider] = PROVIDERS["providers"]
    assert mounted[provider["options"]["path"]] == "./grafana/dashboards"
    home = services()["grafana"]["environment"]["GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH"]
    folder, _, file_name = home.rpartition("/")
    assert (DEPLOY / mounted[folder] / file_name).is_file()
    [source] = DATASOURCES["datasources"]
    assert source["url"] == f"http://prometheus:{listening_port('prometheus')}"
    used = {p["datasource"]["uid"] for p in dashboard()["panels"] if "datasource" in p}
    assert used == {source["uid"]}


def _database_url(name: str) -> Any:
    raw = services()[name]["environment"]["TURINGCORE_DATABASE_URL"]
    return interpolate(raw, env_example())


def test_migrate_connects_as_the_owner_and_core_as_the_service_role_it_grants() -> None:
    migrate_argv = service_argv(services()["migrate"])
    service_role = option(migrate_argv, "--service-role")
    assert _database_url("migrate").startswith("postgresql://turingcore_migrator:")
    assert _database_url("core").startswith(f"postgresql://{service_role}:")
    assert _database_url("core").endswith("@postgres:5432/turingcore")
    init = (DEPLOY / "postgres" / "init-roles.sh").read_text(encoding="utf-8")
    assert f"CREATE ROLE {service_role} LOGIN NOSUPERUSER NOBYPASSRLS" in init


def test_the_console_and_the_twin_reach_the_core_by_its_service_name_and_port() -> None:
    core_url = f"http://core:{listening_port('core')}"
    for name in ("console", "twin"):
        assert services()[name]["environment"]["TURINGCORE_URL"] == core_url
    pushgateway = services()["twin"]["environment"]["CU_TWIN_PUSHGATEWAY"]
    assert pushgateway == f"http://pushgateway:{listening_port('pushgateway')}"


def test_the_console_shows_the_report_the_twin_writes_on_their_shared_volume() -> None:
    report = option(service_argv(services()["console"]), "--report")
    written = option(service_argv(services()["twin"]), "--json-out")
    assert report == written
    folder = report.rsplit("/", 1)[0]
    assert mounts("console")[folder] == mounts("twin")[folder]
