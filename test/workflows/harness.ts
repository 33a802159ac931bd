/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code: runs in jest, never inside n8n (sandbox keys are not secrets) */
/**
 * Runs *.workflow.json fixtures through n8n's real engine (WorkflowExecute from n8n-core), with
 * this package's nodes registered under the type names a Community Nodes install gives them.
 * A fixture's pinData pins the trigger's items; pinData of any other node is that node's
 * expected first output, compared after the run.
 */
import { readFileSync } from 'node:fs';

import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeExecutionData,
	INodeType,
	INodeTypes,
	IPinData,
	IRun,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { ICredentialsHelper, NodeConnectionTypes, Workflow } from 'n8n-workflow';

import { PayoutOdooApi } from '../../credentials/PayoutOdooApi.credentials';
import { OdooCallMethod } from '../../nodes/OdooCallMethod/OdooCallMethod.node';
import { OdooMessagePost } from '../../nodes/OdooMessagePost/OdooMessagePost.node';

export const PACKAGE = 'n8n-nodes-payout-notify';

class ManualTrigger implements INodeType {
	description = {
		displayName: 'Manual Trigger',
		name: 'manualTrigger',
		group: ['trigger'],
		version: 1,
		description: 'Test stand-in for n8n-nodes-base.manualTrigger',
		defaults: { name: 'Manual Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	} as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [[{ json: {} }]];
	}
}

const packageNodes: Record<string, INodeType> = {
	[`${PACKAGE}.odooMessagePost`]: new OdooMessagePost(),
	[`${PACKAGE}.odooCallMethod`]: new OdooCallMethod(),
};

const credentialTypes: Record<string, ICredentialType> = {
	payoutOdooApi: new PayoutOdooApi(),
};

/** Lets other suites register nodes and credentials (the harness itself knows the package's). */
export function registerNode(type: string, node: INodeType) {
	packageNodes[type] = node;
}
export function registerCredential(credential: ICredentialType) {
	credentialTypes[credential.name] = credential;
}

const nodeTypes: INodeTypes = {
	getByName(type: string) {
		return this.getByNameAndVersion(type);
	},
	getByNameAndVersion(type: string) {
		if (type === 'n8n-nodes-base.manualTrigger') return new ManualTrigger();
		const node = packageNodes[type];
		if (!node) throw new Error(`Unknown node type in fixture: ${type}`);
		return node;
	},
	getKnownTypes() {
		return {};
	},
} as INodeTypes;

/** The parts of n8n's CredentialsHelper that node execution uses, including the token cache. */
export class TestCredentialsHelper extends ICredentialsHelper {
	/** Stored credential data per type, as n8n keeps it in its database. */
	constructor(readonly store: Record<string, ICredentialDataDecryptedObject>) {
		super();
	}

	preAuthCalls = 0;

	getParentTypes(): string[] {
		return [];
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
		workflow: Workflow,
		node: INode,
	): Promise<IHttpRequestOptions> {
		const type = credentialTypes[typeName];
		const auth = type.authenticate;
		if (!auth) return requestOptions;
		if (typeof auth === 'function') return auth(credentials, requestOptions);
		const resolve = (value: string) =>
			workflow.expression.getParameterValue(value, null, 0, 0, node.name, [], 'internal', {
				$credentials: credentials,
			} as IDataObject) as string;
		const headers = { ...(requestOptions.headers ?? {}) } as IDataObject;
		for (const [key, value] of Object.entries(auth.properties.headers ?? {})) headers[key] = resolve(String(value));
		return { ...requestOptions, headers };
	}

	async preAuthentication(
		helpers: Parameters<ICredentialsHelper['preAuthentication']>[0],
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		_node: INode,
		credentialsExpired: boolean,
	) {
		const type = credentialTypes[typeName];
		const expirable = type.properties.find((p) => p.type === 'hidden' && p.typeOptions?.expirable === true);
		if (!expirable || typeof type.preAuthentication !== 'function') return undefined;
		if (credentials[expirable.name] !== '' && credentials[expirable.name] !== undefined && !credentialsExpired) return undefined;
		this.preAuthCalls++;
		const output = await type.preAuthentication.call(helpers, credentials);
		Object.assign(this.store[typeName], output);
		return { ...credentials, ...output } as ICredentialDataDecryptedObject;
	}

	async getCredentials(): Promise<never> {
		throw new Error('not used by node execution');
	}

	async getDecrypted(_additionalData: unknown, _details: INodeCredentialsDetails, type: string) {
		const data = this.store[type];
		if (!data) throw new Error(`The fixture run has no credentials of type ${type}`);
		return { ...data };
	}

	async updateCredentials(_details: INodeCredentialsDetails, type: string, data: ICredentialDataDecryptedObject) {
		this.store[type] = { ...data };
	}

	async updateCredentialsOauthTokenData() {}

	getCredentialsProperties(type: string) {
		return credentialTypes[type].properties;
	}
}

export interface FixtureRun {
	run: IRun;
	/** Each executed node's outputs (main[0], main[1], ...) of its first run. */
	outputs: Record<string, INodeExecutionData[][]>;
	/** Each non-trigger node's expected first output, taken from the fixture's pinData. */
	expected: IPinData;
	credentialsHelper: TestCredentialsHelper;
}

export function loadFixture(path: string): IWorkflowBase {
	return JSON.parse(readFileSync(path, 'utf8')) as IWorkflowBase;
}

let fixtureRuns = 0;

export async function runWorkflow(
	workflowData: IWorkflowBase,
	credentials: Record<string, ICredentialDataDecryptedObject>,
	credentialsHelper = new TestCredentialsHelper(credentials),
): Promise<FixtureRun> {
	const pinData: IPinData = {};
	const expected: IPinData = {};
	for (const [name, items] of Object.entries(workflowData.pinData ?? {})) {
		const node = workflowData.nodes.find((n) => n.name === name);
		const isTrigger = node?.type.endsWith('Trigger');
		(isTrigger ? pinData : expected)[name] = items;
	}
	const workflow = new Workflow({
		id: workflowData.id ?? 'fixture',
		name: workflowData.name,
		nodes: workflowData.nodes,
		connections: workflowData.connections,
		active: false,
		nodeTypes,
		settings: workflowData.settings ?? {},
		pinData,
	});
	const executionId = `fixture-run-${++fixtureRuns}`;
	const hooks = new ExecutionLifecycleHooks('manual', executionId, workflowData);
	const additionalData = {
		executionId,
		credentialsHelper,
		hooks,
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://localhost/rest',
		instanceBaseUrl: 'http://localhost/',
		webhookBaseUrl: 'http://localhost/webhook',
		webhookWaitingBaseUrl: 'http://localhost/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost/webhook-test',
		formWaitingBaseUrl: 'http://localhost/form-waiting',
		variables: {},
		executeWorkflow: async () => {
			throw new Error('sub-workflows are not supported in fixtures');
		},
		getRunExecutionData: async () => undefined,
		logAiEvent: () => {},
		startRunnerTask: async () => {
			throw new Error('task runners are not available in fixtures');
		},
	} as unknown as IWorkflowExecuteAdditionalData;

	const trigger = workflowData.nodes.find((n) => n.type.endsWith('Trigger'));
	const run = await new WorkflowExecute(additionalData, 'manual').run({ workflow, startNode: workflow.getNode(trigger!.name)!, pinData });
	const outputs: FixtureRun['outputs'] = {};
	for (const [name, taskData] of Object.entries(run.data.resultData.runData)) {
		outputs[name] = (taskData[0]?.data?.main ?? []) as INodeExecutionData[][];
	}
	return { run, outputs, expected, credentialsHelper };
}

/** The JSON of each item of one output, for exact comparison with pinData. */
export function jsonOf(items: INodeExecutionData[] | undefined): IDataObject[] {
	return (items ?? []).map((item) => item.json);
}

export interface SingleNodeOptions {
	/** n8n's node setting "On Error": stop, continue on the regular output, or the error output. */
	onError?: 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';
	/** n8n's node setting "Retry On Fail" with this many tries (2-5), 10 ms apart. */
	retryTries?: number;
	credentialType: string;
	/** The node's typeVersion (default 1, what saved workflows of the first release carry). */
	typeVersion?: number;
}

/** Manual trigger (pinned with `items`) -> the node under test, named "Node". */
export function singleNodeWorkflow(
	type: string,
	parameters: IDataObject,
	items: INodeExecutionData[],
	options: SingleNodeOptions,
): IWorkflowBase {
	return {
		id: 'single-node',
		name: 'single node',
		active: false,
		isArchived: false,
		createdAt: new Date(),
		updatedAt: new Date(),
		activeVersionId: null,
		nodes: [
			{ id: 't', name: 'Manual Trigger', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: 'n',
				name: 'Node',
				type: `${PACKAGE}.${type}`,
				typeVersion: options.typeVersion ?? 1,
				position: [200, 0],
				parameters,
				credentials: { [options.credentialType]: { id: '1', name: 'test credential' } },
				...(options.onError ? { onError: options.onError } : {}),
				...(options.retryTries ? { retryOnFail: true, maxTries: options.retryTries, waitBetweenTries: 10 } : {}),
			},
		],
		connections: { 'Manual Trigger': { main: [[{ node: 'Node', type: NodeConnectionTypes.Main, index: 0 }]] } },
		pinData: { 'Manual Trigger': items },
		settings: { executionOrder: 'v1' },
	} as unknown as IWorkflowBase;
}

/** The node's outputs and, when it stopped the workflow, its error. */
export async function runSingleNode(workflow: IWorkflowBase, credentials: Record<string, ICredentialDataDecryptedObject>) {
	const result = await runWorkflow(workflow, credentials);
	return { ...result, node: result.outputs.Node ?? [], error: result.run.data.resultData.error };
}
