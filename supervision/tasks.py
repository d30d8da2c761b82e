from celery import shared_task


@shared_task(name="supervision.flag_deadlines")
def flag_deadlines() -> dict:
    from supervision.services import flag_deadlines as flag

    return flag()
