-- wrk script for bench/load.sh: every request posts a comment (a write that always succeeds) to
-- LOAD_CLAIM with the signed-in session's CSRF token. The Cookie header comes from wrk's -H.
local claim = os.getenv("LOAD_CLAIM") or "1"
local csrf = os.getenv("LOAD_CSRF") or ""

wrk.method = "POST"
wrk.path = "/claims/" .. claim .. "/comments"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.body = "csrf_token=" .. csrf .. "&body=Load+test+comment%3A+checked+against+the+ministry+table."
