/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code: runs in jest, never inside n8n (sandbox keys are not secrets) */
// The node and the credential test against the repository's Harasocial emulator (sandbox/), over
// real HTTP: the emulator checks token, content type and body the way the API documents them.
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { CredentialTestContext } from 'n8n-core';

import { HarasocialApi } from '../../../credentials/HarasocialApi.credentials';
import { testHarasocialCredential } from '../../../nodes/HarasocialPayloadMessage/methods';
import { HarasocialPayloadMessage } from '../../../nodes/HarasocialPayloadMessage/HarasocialPayloadMessage.node';
import { startSandboxProcess } from '../../sandboxProcess';
import { jsonOf, loadFixture, registerCredential, registerNode, runWorkflow } from '../../workflows/harness';

const NODE = 'Harasocial Payload Message';
const SANDBOX_TOKEN = 'sandbox-harasocial-token';

registerNode('n8n-nodes-payout-notify.harasocialPayloadMessage', new HarasocialPayloadMessage());
registerCredential(new HarasocialApi());

let sandbox: Awaited<ReturnType<typeof startSandboxProcess>>;
let base = '';

beforeAll(async () => {
	sandbox = await startSandboxProcess();
	base = sandbox.url;
});

afterEach(() => sandbox.reset());

afterAll(() => sandbox.stop());

const sandboxMessages = async () => ((await (await fetch(`${base}/_sandbox/state`)).json()) as { harasocial: { messages: IDataObject[] } }).harasocial.messages;

/** The node's credential test, run with n8n-core's own credential-test context. */
const credentialTest = (accessToken: string) =>
	testHarasocialCredential.call(new CredentialTestContext(), {
		id: '1',
		name: 'Harasocial',
		type: 'harasocialApi',
		data: { accessToken, baseUrl: `${base}/harasocial/` },
	});

test('the credential test: a valid token gets a validation refusal and nobody gets a message', async () => {
	expect(await credentialTest(SANDBOX_TOKEN)).toEqual({ status: 'OK', message: 'Harasocial accepted the access token' });
	expect(await sandboxMessages()).toEqual([]);
});

test('the credential test: a wrong token says it is invalid or lacks the scope, and how to fix it', async () => {
	const result = await credentialTest('not-the-token');

	expect(result.status).toBe('Error');
	expect(result.message).toContain('invalid or missing the social.conv scope');
	expect(result.message).not.toContain('not-the-token');
	expect(await sandboxMessages()).toEqual([]);
});

test('the workflow fixture sends both messages to the emulator and outputs its pinned items', async () => {
	const { outputs, expected } = await runWorkflow(loadFixture(`${__dirname}/../../workflows/harasocial-payload.workflow.json`), {
		harasocialApi: { accessToken: SANDBOX_TOKEN, baseUrl: `${base}/harasocial` },
	});

	expect(jsonOf(outputs[NODE][0])).toEqual(jsonOf(expected[NODE] as never));
	const messages = await sandboxMessages();
	expect(messages.map(({ page_id, recipient_id, payload_id, metadata }) => ({ page_id, recipient_id, payload_id, metadata }))).toEqual([
		{
			page_id: '500725830264749',
			recipient_id: '2560816460648749',
			payload_id: '__hrf_f_63072efd8d1cc15d16c3848e_s_4d12c525111725943cdbf556bd57687d',
			metadata: 'Custom string that is delivered as a message echo',
		},
		{ page_id: '500725830264749', recipient_id: '6096577723741858', payload_id: '__hrf_f_63072efd8d1cc15d16c3848e_s_4d12c525111725943cdbf556bd57687d', metadata: null },
	]);
});

test('outside the 24-hour window the emulator answers 200 with has_error true: the item fails and nothing is recorded', async () => {
	const workflow = loadFixture(`${__dirname}/../../workflows/harasocial-payload.workflow.json`);
	workflow.pinData = { 'Manual Trigger': [{ json: { page_id: '500725830264749', psid: '1111111111111111', payload_id: '__hrf_f_1' } }] };
	workflow.nodes[1].onError = 'continueErrorOutput';

	const { outputs } = await runWorkflow(workflow, { harasocialApi: { accessToken: SANDBOX_TOKEN, baseUrl: `${base}/harasocial` } });

	expect(outputs[NODE][0]).toEqual([]);
	const failed = outputs[NODE][1][0] as INodeExecutionData;
	expect(failed.json.error).toBe(
		'Harasocial refused the message: outside_messaging_window: (#10) This message is sent outside of allowed window. The 24-hour messaging window for this recipient is closed.',
	);
	expect((failed.error as unknown as { description: string }).description).toContain('24 hours');
	expect(await sandboxMessages()).toEqual([]);
});
