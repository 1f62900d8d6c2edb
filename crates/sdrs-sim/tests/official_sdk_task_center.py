"""Calls the simulator's Task Center with the official Huawei Cloud Python SDK
(huaweicloudsdksdrs) and prints what the SDK read back, as JSON, for
tests/official_sdk.rs to check.

Usage: official_sdk_task_center.py ENDPOINT AK SK PROJECT_ID COMMAND [ARGUMENT]
  list FILTERS_JSON | delete FAILURE_JOB_ID | delete-group SERVER_GROUP_ID | delete-all
"""
import json
import sys

from huaweicloudsdkcore.exceptions import exceptions
from huaweicloudsdksdrs.v1 import (
    DeleteAllServerGroupFailureJobsRequest,
    DeleteFailureJobRequest,
    DeleteServerGroupFailureJobsRequest,
    ListFailureJobsRequest,
)

from official_sdk import sdrs_client

FIELDS = ("job_status", "resource_id", "resource_name", "resource_type", "failure_status",
          "job_id", "job_type", "begin_time", "error_code", "fail_reason")


def main():
    endpoint, ak, sk, project_id, command = sys.argv[1:6]
    argument = sys.argv[6] if len(sys.argv) > 6 else None
    client = sdrs_client(endpoint, ak, sk, project_id)
    try:
        if command == "list":
            response = client.list_failure_jobs(ListFailureJobsRequest(**json.loads(argument)))
            jobs = [{field: getattr(job, field) for field in FIELDS} for job in (response.failure_jobs or [])]
            print(json.dumps({"ok": True, "count": response.count, "failure_jobs": jobs}))
            return
        if command == "delete":
            client.delete_failure_job(DeleteFailureJobRequest(failure_job_id=argument))
        elif command == "delete-group":
            client.delete_server_group_failure_jobs(DeleteServerGroupFailureJobsRequest(server_group_id=argument))
        elif command == "delete-all":
            client.delete_all_server_group_failure_jobs(DeleteAllServerGroupFailureJobsRequest())
        else:
            raise SystemExit(f"unknown command {command}")
        print(json.dumps({"ok": True}))
    except exceptions.ClientRequestException as error:
        print(json.dumps({
            "ok": False,
            "status_code": error.status_code,
            "error_code": error.error_code,
            "error_msg": error.error_msg,
        }))


if __name__ == "__main__":
    main()
