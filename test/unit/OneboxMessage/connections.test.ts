import { connectionChannel, connectionItem } from '../../../nodes/OneboxMessage/methods';
import { connectionsOf } from '../../../nodes/OneboxMessage/oneboxClient';

describe('connection list (listSearch helpers)', () => {
	test('reads {data: [...]}, names each connection and tells its channel', () => {
		const body = { data: [{ Id: '583', MediaName: 'Facebook', MediaId: '469218373611012', Description: 'Mydin22.' }, { Id: '576', Name: 'trial_corp', MediaId: 'TWTR' }, { Name: 'no id' }] };
		const records = connectionsOf(body);
		expect(records.map(connectionChannel)).toEqual(['facebook', 'twitter', undefined]);
		expect(records.map(connectionItem)).toEqual([
			{ name: 'Mydin22. (Facebook, 583)', value: '583' },
			{ name: 'trial_corp (TWTR, 576)', value: '576' },
			undefined,
		]);
		expect(connectionsOf([{ Id: 1 }])).toEqual([{ Id: 1 }]);
	});
});
