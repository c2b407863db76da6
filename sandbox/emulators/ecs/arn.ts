// ARNs of the sandbox account, and resolving "name or ARN" parameters the way ECS does.

export const SANDBOX_REGION = 'us-east-1';
export const SANDBOX_ACCOUNT = '000000000000';

export class Arns {
  constructor(
    readonly region = SANDBOX_REGION,
    readonly account = SANDBOX_ACCOUNT,
  ) {}

  private base(resource: string): string {
    return `arn:aws:ecs:${this.region}:${this.account}:${resource}`;
  }
  cluster(name: string): string {
    return this.base(`cluster/${name}`);
  }
  service(cluster: string, name: string): string {
    return this.base(`service/${cluster}/${name}`);
  }
  taskDefinition(family: string, revision: number): string {
    return this.base(`task-definition/${family}:${revision}`);
  }
  task(cluster: string, id: string): string {
    return this.base(`task/${cluster}/${id}`);
  }
  serviceDeployment(cluster: string, service: string, id: string): string {
    return this.base(`service-deployment/${cluster}/${service}/${id}`);
  }
  serviceRevision(cluster: string, service: string, id: string): string {
    return this.base(`service-revision/${cluster}/${service}/${id}`);
  }
  targetGroup(name: string): string {
    return `arn:aws:elasticloadbalancing:${this.region}:${this.account}:targetgroup/${name}/${hexId(name)}`;
  }
  listenerRule(name: string): string {
    return `arn:aws:elasticloadbalancing:${this.region}:${this.account}:listener-rule/app/sandbox-alb/${hexId('alb')}/${hexId(name)}/${hexId(`${name}-rule`)}`;
  }
  role(name: string): string {
    return `arn:aws:iam::${this.account}:role/${name}`;
  }
}

/** The last path segment of an ARN, or the name itself ("cluster/x" → "x"). */
export function nameOf(nameOrArn: string): string {
  if (!nameOrArn.startsWith('arn:')) return nameOrArn;
  const resource = nameOrArn.split(':').slice(5).join(':');
  return resource.slice(resource.lastIndexOf('/') + 1);
}

function hexId(seed: string): string {
  let h = 0x811c9dc5;
  for (const ch of seed) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return (h.toString(16).padStart(8, '0') + ((h ^ 0x5bd1e995) >>> 0).toString(16).padStart(8, '0')).slice(0, 16);
}
