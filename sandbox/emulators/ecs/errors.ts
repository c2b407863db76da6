// ECS service errors: answered as HTTP 400 {"__type": name, "message": …}, which the SDK and the CLI map to exception classes.

export type EcsErrorName =
  | 'ClusterNotFoundException'
  | 'ClusterContainsServicesException'
  | 'ClusterContainsTasksException'
  | 'ServiceNotFoundException'
  | 'ServiceNotActiveException'
  | 'InvalidParameterException'
  | 'ServiceDeploymentNotFoundException'
  | 'ResourceNotFoundException'
  | 'ConflictException'
  | 'UnsupportedFeatureException'
  | 'ClientException'
  | 'ThrottlingException'
  | 'ServerException'
  | 'com.amazon.coral.service#UnknownOperationException'
  | 'com.amazon.coral.service#SerializationException';

export class EcsError extends Error {
  constructor(
    readonly type: EcsErrorName,
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = type;
  }
}

export const invalidParameter = (message: string) => new EcsError('InvalidParameterException', message);
export const clientError = (message: string) => new EcsError('ClientException', message);
