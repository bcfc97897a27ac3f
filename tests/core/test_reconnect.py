"""A read that meets a lost database connection (PostgreSQL restarted, a connection cut) is answered from a new
connection; a write, or any other database error, is not run twice."""

import psycopg
import pytest
from django.db import OperationalError, connection
from django.test import Client
from django.urls import reverse

from tests.factories import TrainingFactory
from tests.gunicorn import get, gunicorn

CATALOGUE = reverse("www:catalogue")
API_LIST = reverse("api:training-list")


def cut_connections(only_pid=None):
    """What a restart of PostgreSQL does to the connections of the test database: the server ends them (all but
    this test's own, or the one of ``only_pid``)."""
    with psycopg.connect(**connection.get_connection_params(), autocommit=True) as admin:
        if only_pid:
            admin.execute("SELECT pg_terminate_backend(%s)", [only_pid])
        else:
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid() AND pid <> %s",
                [connection.connection.info.backend_pid],
            )


def cut_during_the_request(at_query):
    """An execute wrapper that cuts the connection just before the ``at_query``-th query of the request, once."""
    seen = {"queries": 0, "cut": False}

    def wrapper(execute, sql, params, many, context):
        seen["queries"] += 1
        if seen["queries"] == at_query and not seen["cut"]:
            seen["cut"] = True
            cut_connections(only_pid=context["connection"].connection.info.backend_pid)
        return execute(sql, params, many, context)

    return wrapper, seen


@pytest.fixture
def catalogue(transactional_db):
    # Committed: the connection is cut and a new one opened during the test.
    yield [TrainingFactory(title=f"Piloter un projet {n}") for n in range(3)]
    connection.close()  # a new one for the emptying of the database, whatever the test left of this one


@pytest.mark.postgresql
@pytest.mark.parametrize("url", [CATALOGUE, API_LIST])
def test_a_read_after_the_connection_was_cut_between_requests_answers(catalogue, url):
    client = Client()
    assert client.get(url).status_code == 200
    cut_connections(only_pid=connection.connection.info.backend_pid)
    response = client.get(url, {"q": "projet"})
    assert response.status_code == 200
    assert "Piloter un projet 2" in response.content.decode()


@pytest.mark.postgresql
@pytest.mark.parametrize("at_query", [1, 2, 3])
@pytest.mark.parametrize("url", [CATALOGUE, API_LIST])
def test_a_read_whose_connection_is_cut_during_the_request_answers(catalogue, url, at_query):
    client = Client()
    client.get(url)  # the connection is open
    wrapper, seen = cut_during_the_request(at_query)
    with connection.execute_wrapper(wrapper):
        response = client.get(url, {"q": "projet"})
    assert seen["cut"]
    assert response.status_code == 200
    assert "Piloter un projet 2" in response.content.decode()


@pytest.mark.postgresql
def test_a_write_whose_connection_is_cut_is_not_run_again(catalogue, settings):
    settings.DEBUG_PROPAGATE_EXCEPTIONS = True  # the error itself, rather than the 500 page
    client = Client()
    client.get(CATALOGUE)
    wrapper, seen = cut_during_the_request(at_query=1)
    with connection.execute_wrapper(wrapper), pytest.raises(OperationalError):
        client.post(reverse("accounts:login"), {"username": "a@b.fr", "password": "x" * 12})
    assert seen["cut"]


@pytest.mark.postgresql
def test_reads_served_by_threaded_gunicorn_answer_after_the_server_cut_every_connection(catalogue):
    with gunicorn(workers=1, threads=4) as base:
        urls = [f"{base}{CATALOGUE}?q=projet", f"{base}{API_LIST}?q=projet"] * 4
        assert [get(url)[0] for url in urls] == [200] * len(urls)  # the workers' connections are open
        cut_connections()
        assert [get(url)[0] for url in urls] == [200] * len(urls)


def test_any_other_database_error_of_a_read_is_not_hidden_nor_run_twice(catalogue, settings):
    """A statement that fails on a working connection (a timeout, a lock): the error is the answer, on both
    engines, and the read is not run again."""
    settings.DEBUG_PROPAGATE_EXCEPTIONS = True  # the error itself, rather than the 500 page
    client = Client()
    failures = []

    def timeout(execute, sql, params, many, context):
        failures.append(sql)
        raise OperationalError("canceling statement due to statement timeout")

    with connection.execute_wrapper(timeout), pytest.raises(OperationalError):
        client.get(API_LIST, {"q": "projet"})
    assert len(failures) == 1
    assert Client().get(API_LIST, {"q": "projet"}).json()["count"] == 3
