/**
 * The parameter reader on the hot path: parameters read once, `{{ $json.x }}` read from the item,
 * each value the same as n8n's own getNodeParameter gives, through n8n's real engine.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { parameterReader } from '../../../nodes/shared/parameters';
import { registerNode, runSingleNode, singleNodeWorkflow } from '../../workflows/harness';

describe('the hot path', () => {
	class Probe implements INodeType {
		description = {
			displayName: 'Probe',
			name: 'probe',
			group: ['transform'],
			version: 1,
			description: 'Reads each parameter both ways',
			defaults: { name: 'Probe' },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			properties: ['plain', 'fromItem', 'fromNode', 'computed', 'nested', 'locator', 'nodeLocator', 'constantLocator', 'collection'].map((name) => ({
				displayName: name,
				name,
				type: 'string' as const,
				default: '',
			})),
		} as INodeType['description'];

		static calls: string[] = [];

		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			const fast = parameterReader(this);
			const counting = Object.assign(Object.create(null), {
				getNode: () => this.getNode(),
				getInputData: () => this.getInputData(),
				getWorkflowDataProxy: (i: number) => this.getWorkflowDataProxy(i),
				getNodeParameter: (name: string, i: number, fallback: unknown) => {
					Probe.calls.push(name);
					return this.getNodeParameter(name, i, fallback as never);
				},
			}) as IExecuteFunctions;
			const counted = parameterReader(counting);
			const names = this.getNode().parameters;
			return [
				this.getInputData().map((_item, i) => {
					const json: IDataObject = {};
					for (const name of Object.keys(names)) {
						const engine = this.getNodeParameter(name, i, '');
						const read = fast(name, i, '');
						counted(name, i, '');
						json[name] = { same: JSON.stringify(engine) === JSON.stringify(read), engine: engine as IDataObject, read: read as IDataObject };
					}
					return { json, pairedItem: { item: i } };
				}),
			];
		}
	}

	test('the parameter reader gives what getNodeParameter gives, asking n8n once for a value without expressions', async () => {
		registerNode('n8n-nodes-payout-notify.probe', new Probe());
		const values: unknown[] = ['text', ' padded ', '', 7, 0, true, false, null, undefined, { nested: 1 }, [1, 'two']];
		const items = values.map((v) => ({ json: (v === undefined ? {} : { v, w: { deep: v } }) as IDataObject }));
		const parameters = {
			plain: 'the same for all',
			fromItem: '={{ $json.v }}',
			fromNode: "={{ $('Manual Trigger').item.json.v }}",
			computed: '={{ $json.v + "!" }}',
			nested: '={{ $json.w.deep }}',
			locator: { __rl: true, mode: 'id', value: '={{ $json.v }}' },
			nodeLocator: { __rl: true, mode: 'id', value: "={{ $( 'Manual Trigger' ).item.json.w }}" },
			constantLocator: { __rl: true, mode: 'id', value: '42' },
			collection: { a: 1, b: 'x' },
		};
		Probe.calls = [];

		const { node, error } = await runSingleNode(singleNodeWorkflow('probe', parameters, items, { credentialType: 'payoutOdooApi' }), {});

		expect(error).toBeUndefined();
		for (const item of node[0]) {
			for (const [name, result] of Object.entries(item.json)) expect({ name, ...(result as IDataObject) }).toMatchObject({ name, same: true });
		}
		const asked = (name: string) => Probe.calls.filter((c) => c === name).length;
		expect(asked('plain')).toBe(1);
		expect(asked('constantLocator')).toBe(1);
		expect(asked('collection')).toBe(1);
		expect(asked('fromItem')).toBe(0);
		expect(asked('locator')).toBe(0);
		expect(asked('fromNode')).toBe(0);
		expect(asked('nodeLocator')).toBe(0);
		expect(asked('computed')).toBe(values.length);
		expect(asked('nested')).toBe(values.length);
	});
});
