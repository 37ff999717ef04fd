# Problems: what an API client (and a page, where it shows one) is told went wrong.
problem-title-not-found = Not found
problem-title-bad-request = Bad request
problem-title-invalid = Invalid input
problem-title-conflict = Conflict
problem-title-unauthorized = Unauthorized
problem-title-forbidden = Forbidden
problem-title-rate-limited = Too many requests
problem-title-unavailable = Service unavailable
problem-title-internal = Internal server error
problem-detail-not-found = not found
problem-detail-unauthorized = authentication required
problem-detail-invalid = the request has invalid fields
problem-detail-rate-limited = too many requests; try again in { $seconds } seconds
problem-detail-internal = Something went wrong on our side. It has been logged; please try again.
problem-detail-unavailable = The club is too busy to answer right now; please try again in a few seconds.
