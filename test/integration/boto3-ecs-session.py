#!/usr/bin/env python3
"""boto3, unchanged, updates an ECS service and follows its service deployment to the end; prints what it saw as JSON.

Usage: boto3-ecs-session.py ENDPOINT_URL CLUSTER SERVICE TASK_DEFINITION_ARN
"""

import json
import sys
import time

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

endpoint, cluster, service, task_definition = sys.argv[1:5]
ecs = boto3.client(
    "ecs",
    endpoint_url=endpoint,
    region_name="us-east-1",
    aws_access_key_id="test",
    aws_secret_access_key="test",
    config=Config(retries={"max_attempts": 1}),
)
seen = {}


def deployment(arn):
    return ecs.describe_service_deployments(serviceDeploymentArns=[arn])["serviceDeployments"][0]


def until(arn, check, what, timeout=90):
    deadline = time.time() + timeout
    while time.time() < deadline:
        found = deployment(arn)
        if check(found):
            return found
        time.sleep(0.2)
    raise SystemExit(f"timed out waiting for {what}")


before = ecs.describe_services(cluster=cluster, services=[service])["services"][0]
seen["before"] = before["taskDefinition"]

# The service update: a new task definition, blue/green with a pause after test traffic moved.
updated = ecs.update_service(
    cluster=cluster,
    service=service,
    taskDefinition=task_definition,
    deploymentConfiguration={
        "strategy": "BLUE_GREEN",
        "bakeTimeInMinutes": 0,
        "lifecycleHooks": [{"targetType": "PAUSE", "lifecycleStages": ["POST_TEST_TRAFFIC_SHIFT"]}],
    },
)["service"]
arn = updated["currentServiceDeployment"]
seen["updateTaskDefinition"] = updated["taskDefinition"]

listed = ecs.list_service_deployments(cluster=cluster, service=service, status=["PENDING", "IN_PROGRESS"])
seen["listedInProgress"] = [d["serviceDeploymentArn"] for d in listed["serviceDeployments"]]

paused = until(arn, lambda d: any(h["status"] == "AWAITING_ACTION" for h in d.get("lifecycleHookDetails", [])), "the pause")
hook = paused["lifecycleHookDetails"][0]
seen["paused"] = {
    "status": paused["status"],
    "stage": paused["lifecycleStage"],
    "testWeight": paused["targetServiceRevision"]["requestedTestTrafficWeight"],
    "productionWeight": paused["targetServiceRevision"]["requestedProductionTrafficWeight"],
    "createdAtType": type(paused["createdAt"]).__name__,
    "hookExpiresAfterCreation": hook["expiresAt"] > paused["createdAt"],
}
ecs.continue_service_deployment(serviceDeploymentArn=arn, hookId=hook["hookId"], action="CONTINUE")

done = until(arn, lambda d: d["status"] in ("SUCCESSFUL", "ROLLBACK_SUCCESSFUL", "ROLLBACK_FAILED", "STOPPED"), "the deployment to end")
seen["done"] = {
    "status": done["status"],
    "productionWeight": done["targetServiceRevision"]["requestedProductionTrafficWeight"],
    "finishedAtType": type(done["finishedAt"]).__name__,
}
revision = ecs.describe_service_revisions(serviceRevisionArns=[done["targetServiceRevision"]["arn"]])["serviceRevisions"][0]
seen["revisionTaskDefinition"] = revision["taskDefinition"]

ecs.get_waiter("services_stable").wait(cluster=cluster, services=[service], WaiterConfig={"Delay": 1, "MaxAttempts": 90})
after = ecs.describe_services(cluster=cluster, services=[service])["services"][0]
seen["after"] = {"taskDefinition": after["taskDefinition"], "runningCount": after["runningCount"], "desiredCount": after["desiredCount"]}

history = ecs.list_service_deployments(cluster=cluster, service=service, maxResults=1)
seen["newestDeployment"] = history["serviceDeployments"][0]["serviceDeploymentArn"]
seen["historyHasMore"] = "nextToken" in history

# Errors arrive as the modelled exception classes.
try:
    ecs.stop_service_deployment(serviceDeploymentArn=arn, stopType="ROLLBACK")
except ClientError as error:
    seen["stopCompleted"] = error.response["Error"]["Code"]
try:
    ecs.update_service(cluster=cluster, service="no-such-service", desiredCount=1)
except ecs.exceptions.ServiceNotFoundException as error:
    seen["missingService"] = type(error).__name__

print(json.dumps({"deployment": arn, **seen}))
