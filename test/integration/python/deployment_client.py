"""The official Python Kubernetes client, unchanged, against the sandbox API server: lists the Deployments of a
namespace, scales one by a patch, and watches it until the new replicas are ready. Prints one JSON line per step.

Usage: /usr/bin/python3 deployment_client.py KUBECONFIG NAMESPACE DEPLOYMENT REPLICAS
"""
import json
import sys

from kubernetes import client, config, watch


def say(step, **fields):
    print(json.dumps({"step": step, **fields}), flush=True)


def main():
    kubeconfig, namespace, name, replicas = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    config.load_kube_config(config_file=kubeconfig)
    apps = client.AppsV1Api()

    listed = apps.list_namespaced_deployment(namespace)
    say("list", names=sorted(d.metadata.name for d in listed.items), resourceVersion=listed.metadata.resource_version)

    patched = apps.patch_namespaced_deployment(name, namespace, {"spec": {"replicas": replicas}})
    say("patch", replicas=patched.spec.replicas, generation=patched.metadata.generation)

    seen = []
    stream = watch.Watch()
    for event in stream.stream(
        apps.list_namespaced_deployment,
        namespace,
        field_selector=f"metadata.name={name}",
        resource_version=patched.metadata.resource_version,
        timeout_seconds=60,
    ):
        d = event["object"]
        ready = d.status.ready_replicas or 0
        seen.append({"type": event["type"], "ready": ready})
        if d.status.observed_generation == d.metadata.generation and ready == replicas and (d.status.updated_replicas or 0) == replicas:
            stream.stop()
            say("watch", events=seen, ready=ready, observedGeneration=d.status.observed_generation)
            return
    say("watch", events=seen, ready=None, timedOut=True)
    sys.exit(2)


if __name__ == "__main__":
    main()
