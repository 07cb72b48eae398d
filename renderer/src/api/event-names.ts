// The renderer's copy of the event names: importing API_EVENT_NAMES from the contract would
// pull zod (the schemas) into the UI bundle. The type below fails to compile if they drift.
import type { EventName } from '../../../shared/api/contract.ts';

export const EVENT_NAMES = ['cascade.event', 'ledger.changed', 'conversations.changed', 'config.changed', 'alert.raised', 'replay.progress'] as const satisfies readonly EventName[];

type Missing = Exclude<EventName, (typeof EVENT_NAMES)[number]>;
const _allListed: [Missing] extends [never] ? true : Missing = true;
void _allListed;
