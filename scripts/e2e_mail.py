"""End to end with a real SMTP server: a member submits through the running binary, the
confirmation arrives at aiosmtpd, the link in it confirms by POST, an organiser approves by API,
the decision mail arrives, and the topic page lists the entry.

Usage: e2e_mail.py BASE_URL MAILDIR API_TOKEN TOPIC_SLUG
"""
import email
import email.policy
import http.cookiejar
import json
import mailbox
import re
import sys
import time
import urllib.parse
import urllib.request

base, maildir, token, slug = sys.argv[1:5]
jar = http.cookiejar.CookieJar()
opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))


def request(method, path, data=None, headers=None):
    req = urllib.request.Request(base + path, data=data, method=method, headers=headers or {})
    try:
        with opener.open(req) as res:
            return res.status, res.read().decode()
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode()


def wait_for_mail(count):
    messages = []
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            messages = list(mailbox.Maildir(maildir, factory=None, create=False))
        except (FileNotFoundError, mailbox.NoSuchMailboxError):
            messages = []
        if len(messages) >= count:
            return [email.message_from_bytes(m.as_bytes(), policy=email.policy.default) for m in messages]
        time.sleep(0.2)
    raise SystemExit(f"e2e: expected {count} mails in {maildir}, found {len(messages)}")


entry = {
    "kind": "article", "title": "Flow metrics in practice", "url": "https://example.org/flow?utm_source=x",
    "summary": "What we measure and why.", "author_name": "Ada Member", "author_email": "ada@example.org",
}
status, body = request("POST", f"/api/v1/topics/{slug}/submissions", json.dumps(entry).encode(),
                       {"Content-Type": "application/json"})
assert status == 202, (status, body)
public_id = json.loads(body)["id"]

mails = wait_for_mail(1)
confirm = mails[0]
assert confirm["To"].addresses[0].addr_spec == "ada@example.org", confirm["To"]
assert confirm.get_content_type() == "multipart/alternative", confirm.get_content_type()
text = confirm.get_body(preferencelist=("plain",)).get_content()
link = re.search(r"https?://\S+/confirm\?token=\S+", text).group(0)
path = urllib.parse.urlsplit(link)
path = path.path + "?" + path.query

status, page = request("GET", path)
assert status == 200 and "Confirm my submission" in page, status
csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
tok = urllib.parse.parse_qs(urllib.parse.urlsplit(link).query)["token"][0]
status, _ = request("POST", f"/submissions/{public_id}/confirm",
                    urllib.parse.urlencode({"csrf_token": csrf, "token": tok}).encode(),
                    {"Content-Type": "application/x-www-form-urlencoded"})
assert status == 200, status  # the redirect is followed to the edit page

auth = {"Authorization": f"Bearer {token}"}
status, body = request("GET", "/api/v1/submissions?status=pending", headers=auth)
assert status == 200 and public_id in body, (status, body)
status, body = request("POST", f"/api/v1/submissions/{public_id}/approve", b"", auth)
assert status == 200, (status, body)

mails = wait_for_mail(2)
subjects = sorted(str(m["Subject"]) for m in mails)
assert any(s.startswith("Published:") for s in subjects), subjects
status, page = request("GET", f"/topics/{slug}")
assert status == 200 and "Flow metrics in practice" in page and "ada@example.org" not in page
print(f"e2e: submission {public_id} confirmed from a mail received by aiosmtpd, approved, published")
