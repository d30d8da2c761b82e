from workflows.demo_cases import load_cases

"""Demo data of cases (``load_demo``): a few cases in each state, so that the demo handlers' queues
(handler_mz of 城东区民政局, handler_sj of 市场监管局 — logins from accounts.demo) and the demo applicants'
case lists are not empty on first login."""


def load(stdout=None) -> dict:
    # no outer transaction: each step commits, so the background steps it sends run as they would in production

    counts = load_cases()
    if stdout is not None:
        stdout.write(
            "办件：" + "，".join(f"{label} {n} 件" for label, n in counts.items())
            if counts
            else "办件：已有演示办件，未新增"
        )
    return counts
