// The operations the sandbox endpoint serves, by x-amz-target operation name.

import { createCluster, deleteCluster, describeClusters, listClusters } from './clusters';
import {
  continueServiceDeployment,
  describeServiceDeployments,
  describeServiceRevisions,
  listServiceDeployments,
  stopServiceDeployment,
} from './deployments';
import { createService, deleteService, describeServices, listServices, updateService } from './services';
import {
  deregisterTaskDefinition,
  describeTaskDefinition,
  listTaskDefinitionFamilies,
  listTaskDefinitions,
  registerTaskDefinition,
} from './task-definitions';
import { runTask } from './run-task';
import { listTagsForResource, tagResource, untagResource } from './tags';
import { describeTasks, listTasks, stopTask } from './tasks';
import type { Operation } from './types';

export const OPERATIONS: Readonly<Record<string, Operation>> = {
  ListClusters: listClusters,
  DescribeClusters: describeClusters,
  CreateCluster: createCluster,
  DeleteCluster: deleteCluster,
  ListServices: listServices,
  DescribeServices: describeServices,
  CreateService: createService,
  UpdateService: updateService,
  DeleteService: deleteService,
  RegisterTaskDefinition: registerTaskDefinition,
  DescribeTaskDefinition: describeTaskDefinition,
  DeregisterTaskDefinition: deregisterTaskDefinition,
  ListTaskDefinitions: listTaskDefinitions,
  ListTaskDefinitionFamilies: listTaskDefinitionFamilies,
  ListTasks: listTasks,
  DescribeTasks: describeTasks,
  StopTask: stopTask,
  RunTask: runTask,
  TagResource: tagResource,
  UntagResource: untagResource,
  ListTagsForResource: listTagsForResource,
  ListServiceDeployments: listServiceDeployments,
  DescribeServiceDeployments: describeServiceDeployments,
  DescribeServiceRevisions: describeServiceRevisions,
  StopServiceDeployment: stopServiceDeployment,
  ContinueServiceDeployment: continueServiceDeployment,
};
