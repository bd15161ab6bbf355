"""Helpers shared by the tests, one of each: a free port (``ports``), the CLI in a subprocess and
in process (``cli``), a PTC-folder writer (``ptc``), a local HTTP server and a live app server
(``http``), and the fake detectors (``detectors``). Fixtures that use them live in conftest.py."""
