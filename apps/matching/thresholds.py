"""The scores at which the portal acts on a pair: read by matching, alerts and PFIF imports."""

from apps.matching.engine import REVIEW_THRESHOLD

# How many candidates of one report are stored and shown.
TOP_CANDIDATES = 10
# A missed child costs more than a weak pair in the queue: pairs from score 25 (about one chance
# in ten, docs/matching.md) are proposed, strongest first, which reaches about 85% of the true
# pairs in the evaluation set instead of 77% at the engine's own threshold of 50.
PROPOSAL_THRESHOLD = REVIEW_THRESHOLD / 2
# A strong match: worth telling both owning units at once rather than waiting for their queue.
STRONG_MATCH_SCORE = REVIEW_THRESHOLD + 15
# A repeat disappearance links two cases of the same child, so it needs a strong match too.
REPEAT_THRESHOLD = STRONG_MATCH_SCORE
# Two reports of one side that may be one child: fewer weak pairs than for matches, since
# merging them closes a report; from here the evidence makes them about one chance in four.
DUPLICATE_THRESHOLD = REVIEW_THRESHOLD
