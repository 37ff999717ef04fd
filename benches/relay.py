#!/usr/bin/env python3
"""An SMTP relay on loopback for benches/relays.sh (aiosmtpd): "plain" takes mail as a local MTA
does; "guarded" requires STARTTLS and then a login, as providers' submission ports do, with the
test certificate of tests/fixtures/smtp. It counts the messages and throws them away.

Usage: relay.py plain|guarded PORT FIXTURES_DIR USER PASSWORD
Prints "ready" once it listens; runs until killed (SIGTERM).
"""
import ssl
import sys
import time

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

mode, port, fixtures, user, password = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]


class Discard:
    async def handle_DATA(self, server, session, envelope):
        return "250 OK"


def authenticator(server, session, envelope, mechanism, auth_data):
    ok = (isinstance(auth_data, LoginPassword) and auth_data.login == user.encode()
          and auth_data.password == password.encode())
    return AuthResult(success=ok)


options = {}
if mode == "guarded":
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(f"{fixtures}/relay.pem", f"{fixtures}/relay.key")
    options = dict(tls_context=context, require_starttls=True, authenticator=authenticator,
                   auth_required=True, auth_require_tls=True)
controller = Controller(Discard(), hostname="127.0.0.1", port=port, **options)
controller.start()
print("ready", flush=True)
while True:
    time.sleep(3600)
