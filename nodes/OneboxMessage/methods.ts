import type { IDataObject, ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { LOOKUP_RETRY, LOOKUP_TIMEOUT_MS } from '../shared/delivery';
import type { ChannelKey } from './channels';
import { CHANNELS } from './channels';
import { OneboxClient } from './oneboxClient';
import { operationSpec } from './operations';

const field = (record: IDataObject, ...names: string[]) => {
	for (const name of names) {
		const value = record[name];
		if (value !== undefined && value !== null && value !== '') return String(value);
	}
	return undefined;
};

/**
 * Which channel a connection of `GET /api/connection` belongs to. The API page lists connections
 * with a MediaName ("Facebook") and messages with a MediaId code ("FCBK"); either is recognised.
 */
export function connectionChannel(record: IDataObject): ChannelKey | undefined {
	const labels = ['MediaName', 'Media', 'MediaId', 'Channel', 'Type'].map((name) => field(record, name)?.toLowerCase());
	return CHANNELS.find((c) => labels.includes(c.name.toLowerCase()) || labels.includes(c.mediaId.toLowerCase()))?.value;
}

export function connectionItem(record: IDataObject): INodeListSearchItems | undefined {
	const id = field(record, 'Id', 'ConnectionId', 'id');
	if (!id) return undefined;
	const label = field(record, 'Name', 'Description', 'Username', 'name') ?? `Connection ${id}`;
	const media = field(record, 'MediaName', 'Media', 'MediaId');
	return { name: `${label} (${media ? `${media}, ` : ''}${id})`, value: id };
}

/** "From list" mode of Connection: the site's connections, those of the chosen channel first. */
export async function searchConnections(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const client = await OneboxClient.forNode(this, LOOKUP_RETRY, LOOKUP_TIMEOUT_MS);
	const connections = await client.connections();
	// Version 1 has a Channel field; version 2 an Operation that names the channel.
	const channel =
		(this.getCurrentNodeParameter('channel') as string | undefined) ??
		operationSpec((this.getCurrentNodeParameter('operation') as string | undefined) ?? '')?.channel;
	const needle = (filter ?? '').trim().toLowerCase();
	const records = connections.filter((record) => {
		const of = connectionChannel(record);
		// Connections of another channel are left out; those whose channel is unknown stay.
		return !channel || of === undefined || of === channel;
	});
	const results = records
		.map(connectionItem)
		.filter((item): item is INodeListSearchItems => item !== undefined)
		.filter((item) => needle === '' || item.name.toLowerCase().includes(needle) || String(item.value) === needle);
	return { results };
}
