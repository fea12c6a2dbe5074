"""A real SMTP server for the mail tests: aiosmtpd (Debian's python3-aiosmtpd) on 127.0.0.1.

Every accepted message is written to OUT_DIR as <n>.eml. Recipients at @reject.example are refused with
550 (permanent), recipients at @later.example with 451 (transient). A message to @slowquit.example is accepted, but
the QUIT after it is never answered. It offers AUTH without TLS and takes only the login portal / secret (a client that
does not log in may send all the same). Usage: smtp_server.py PORT OUT_DIR
"""
import asyncio
import itertools
import os
import sys

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Handler:
    def __init__(self, out_dir):
        self.out_dir = out_dir
        # Continue after what an earlier run of the server left, so a restart never overwrites a message.
        self.counter = itertools.count(len([f for f in os.listdir(out_dir) if f.endswith(".eml")]) + 1)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.endswith("@reject.example"):
            return "550 5.1.1 Mailbox unavailable"
        if address.endswith("@later.example"):
            return "451 4.3.0 Try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        path = os.path.join(self.out_dir, f"{next(self.counter):05d}.eml")
        with open(path + ".tmp", "wb") as f:
            f.write(envelope.original_content or envelope.content)
        os.replace(path + ".tmp", path)
        if any(r.endswith("@slowquit.example") for r in envelope.rcpt_tos):
            session.quit_unanswered = True
        return "250 Message accepted for delivery"

    async def handle_QUIT(self, server, session, envelope):
        if getattr(session, "quit_unanswered", False):
            await asyncio.sleep(3600)
        return "221 Bye"


def authenticate(server, session, envelope, mechanism, auth_data):
    ok = isinstance(auth_data, LoginPassword) and auth_data.login == b"portal" and auth_data.password == b"secret"
    return AuthResult(success=ok, handled=False)


def main():
    port, out_dir = int(sys.argv[1]), sys.argv[2]
    os.makedirs(out_dir, exist_ok=True)
    controller = Controller(Handler(out_dir), hostname="127.0.0.1", port=port,
                            authenticator=authenticate, auth_require_tls=False)
    controller.start()
    print(f"listening on 127.0.0.1:{port}", flush=True)
    try:
        asyncio.get_event_loop().run_forever()
    except KeyboardInterrupt:
        pass
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
