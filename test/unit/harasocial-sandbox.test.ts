// The node and the credential test against the repository's Harasocial emulator (sandbox/), over
// real HTTP: the emulator checks token, content type and body the way the API documents them.
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { HarasocialApi } from '../../credentials/HarasocialApi.credentials';
import { HarasocialPayloadMessage } from '../../nodes/HarasocialPayloadMessage/HarasocialPayloadMessage.node';
import { startSandboxProcess } from '../sandboxProcess';
import { jsonOf, loadFixture, registerCredential, registerNode, runWorkflow } from '../workflows/harness';

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

/** Sends the credential's test request the way n8n's credential tester builds it from the definition. */
async function credentialTest(accessToken: string) {
	const credential = new HarasocialApi();
	const { request } = credential.test;
	const credentials = { accessToken, baseUrl: `${base}/harasocial/` };
	// The baseURL is an n8n expression `={{ … }}`: evaluate its JavaScript with $credentials.
	const baseURL = new Function('$credentials', `return ${String(request.baseURL).slice(3, -2)}`)(credentials) as string;
	const authorization = String(credential.authenticate.properties.headers?.Authorization).replace(/^=/, '').replace('{{$credentials.accessToken}}', accessToken);
	expect(authorization).toBe(`Bearer ${accessToken}`);
	const response = await fetch(`${baseURL}${request.url}`, {
		method: request.method,
		headers: { ...(request.headers as Record<string, string>), 'Content-Type': 'application/json', Authorization: authorization },
		body: JSON.stringify(request.body),
	});
	const rule = credential.test.rules?.find((r) => r.properties.value === response.status);
	return { status: response.status, body: (await response.json()) as IDataObject, ruleMessage: rule?.properties.message };
}

test('the credential test: a valid token gets a validation refusal and nobody gets a message', async () => {
	const { status, body, ruleMessage } = await credentialTest(SANDBOX_TOKEN);

	expect(status).toBe(200);
	expect(body).toMatchObject({ has_error: true, error_code: 'invalid_payload' });
	expect(ruleMessage).toBeUndefined();
	expect(await sandboxMessages()).toEqual([]);
});

test('the credential test: a wrong token is a 401, which the rules turn into the scope message', async () => {
	const { status, ruleMessage } = await credentialTest('not-the-token');

	expect(status).toBe(401);
	expect(ruleMessage).toContain('invalid or missing the social.conv scope');
	expect(await sandboxMessages()).toEqual([]);
});

test('the workflow fixture sends both messages to the emulator and outputs its pinned items', async () => {
	const { outputs, expected } = await runWorkflow(loadFixture(`${__dirname}/../workflows/harasocial-payload.workflow.json`), {
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
	const workflow = loadFixture(`${__dirname}/../workflows/harasocial-payload.workflow.json`);
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
