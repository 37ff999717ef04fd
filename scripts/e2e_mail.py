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

# A reader subscribes, confirms from the mail, gets the digest of a closed topic from the
# organiser, and leaves with the one-click POST a mail client makes (RFC 8058).
status, _ = request("POST", "/api/v1/subscribers", json.dumps({"email": "reader@example.org"}).encode(),
                    {"Content-Type": "application/json"})
assert status == 202, status
mails = wait_for_mail(3)
confirmation = [m for m in mails if "subscription" in str(m["Subject"]).lower()][0]
text = confirmation.get_body(preferencelist=("plain",)).get_content()
link = re.search(r"https?://\S+/subscribe/confirm\?token=\S+", text).group(0)
parts = urllib.parse.urlsplit(link)
status, page = request("GET", parts.path + "?" + parts.query)
assert status == 200 and "Confirm my subscription" in page, status
csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
status, page = request("POST", "/subscribe/confirm",
                       urllib.parse.urlencode({"csrf_token": csrf, "token": urllib.parse.parse_qs(parts.query)["token"][0]}).encode(),
                       {"Content-Type": "application/x-www-form-urlencoded"})
assert status == 200 and "You are subscribed" in page, status

status, body = request("POST", "/api/v1/topics/metrics-that-matter/digest/send", b"", auth)
assert status == 202 and json.loads(body)["queued"] == 1, (status, body)
mails = wait_for_mail(4)
digest = [m for m in mails if "Metrics That Matter" in str(m["Subject"])][0]
assert digest.get_content_type() == "multipart/alternative", digest.get_content_type()
assert str(digest["List-Unsubscribe-Post"]) == "List-Unsubscribe=One-Click", digest["List-Unsubscribe-Post"]
assert "digest." in str(digest["List-Id"]), digest["List-Id"]
unsubscribe = re.search(r"<(https?://[^>]+)>", str(digest["List-Unsubscribe"])).group(1)
assert "mailto:" in str(digest["List-Unsubscribe"])
one_click = urllib.request.Request(unsubscribe, data=b"List-Unsubscribe=One-Click", method="POST",
                                   headers={"Content-Type": "application/x-www-form-urlencoded"})
with urllib.request.urlopen(one_click) as res:  # no cookies, no CSRF token: RFC 8058
    assert res.status == 200
status, body = request("GET", "/api/v1/subscribers", headers=auth)
counts = json.loads(body)["counts"]
assert counts["unsubscribed"] == 1 and counts["active"] == 0, counts
print("e2e: digest received by aiosmtpd as multipart/alternative with List-Unsubscribe; one-click POST unsubscribed")
