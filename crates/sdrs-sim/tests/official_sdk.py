"""Calls the simulator with the official Huawei Cloud Python SDK (huaweicloudsdksdrs) and
prints what the SDK read back, as JSON, for tests/official_sdk.rs to check.

Usage: official_sdk.py ENDPOINT AK SK PROJECT_ID JOB_ID
"""
import json
import sys

from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkcore.exceptions import exceptions
from huaweicloudsdkcore.http.http_config import HttpConfig
from huaweicloudsdksdrs.v1 import SdrsClient, ShowJobStatusRequest


def job_fields(job):
    return {
        "job_id": job.job_id,
        "job_type": job.job_type,
        "status": job.status,
        "begin_time": job.begin_time,
        "end_time": job.end_time,
        "error_code": job.error_code,
        "fail_reason": job.fail_reason,
    }


def sdrs_client(endpoint, ak, sk, project_id):
    """The SDK's client for the simulator at ENDPOINT, signing with AK/SK."""
    config = HttpConfig.get_default_config()
    config.timeout = (5, 10)
    return (
        SdrsClient.new_builder()
        .with_http_config(config)
        .with_credentials(BasicCredentials(ak, sk, project_id))
        .with_endpoints([endpoint])
        .build()
    )


def main():
    endpoint, ak, sk, project_id, job_id = sys.argv[1:6]
    client = sdrs_client(endpoint, ak, sk, project_id)
    try:
        response = client.show_job_status(ShowJobStatusRequest(job_id=job_id))
    except exceptions.ClientRequestException as error:
        print(json.dumps({
            "ok": False,
            "status_code": error.status_code,
            "error_code": error.error_code,
            "error_msg": error.error_msg,
            "request_id": error.request_id,
        }))
        return
    entities = response.entities
    result = {"ok": True, **job_fields(response)}
    result["server_group_id"] = entities.server_group_id if entities else None
    result["sub_jobs"] = [job_fields(sub_job) for sub_job in (entities.sub_jobs or [])] if entities else []
    print(json.dumps(result))


if __name__ == "__main__":
    main()
