// The operations the sandbox endpoint serves, by x-amz-target operation name.

import { describeClusters, listClusters } from './clusters';
import {
  continueServiceDeployment,
  describeServiceDeployments,
  describeServiceRevisions,
  listServiceDeployments,
  stopServiceDeployment,
} from './deployments';
import { createService, describeServices, listServices, updateService } from './services';
import { describeTaskDefinition, registerTaskDefinition } from './task-definitions';
import { describeTasks, listTasks } from './tasks';
import type { Operation } from './types';

export const OPERATIONS: Readonly<Record<string, Operation>> = {
  ListClusters: listClusters,
  DescribeClusters: describeClusters,
  ListServices: listServices,
  DescribeServices: describeServices,
  CreateService: createService,
  UpdateService: updateService,
  RegisterTaskDefinition: registerTaskDefinition,
  DescribeTaskDefinition: describeTaskDefinition,
  ListTasks: listTasks,
  DescribeTasks: describeTasks,
  ListServiceDeployments: listServiceDeployments,
  DescribeServiceDeployments: describeServiceDeployments,
  DescribeServiceRevisions: describeServiceRevisions,
  StopServiceDeployment: stopServiceDeployment,
  ContinueServiceDeployment: continueServiceDeployment,
};
