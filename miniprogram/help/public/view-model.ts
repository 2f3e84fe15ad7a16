// 身边的求助: the verified needs of a region, for anyone — no contact, no requester, the place to the county only
// (PublicHelpView). The region is the person's own (their registration's county) until they pick another; the list
// covers the county or, widened, its whole city. Pure.
import type { PublicHelpView } from '../../../typings/help';
import { toPublicRow, type PublicRow } from '../common/labels';

export interface RegionChoice {
  /** The county's code and names as the region picker gave them. */
  countyCode: string;
  names: string[];
  /** List the whole city (the county code's first four digits) instead of the county. */
  wholeCity: boolean;
}

/** The GB/T 2260 code publicList is asked for. */
export function listedCode(choice: RegionChoice): string {
  return choice.wholeCity ? choice.countyCode.slice(0, 4) : choice.countyCode;
}

/** '福建省 福州市 鼓楼区' or, widened, '福建省 福州市（全市）'. */
export function regionText(choice: RegionChoice): string {
  if (choice.names.length === 0) return choice.wholeCity ? `地区 ${choice.countyCode.slice(0, 4)}（全市）` : `地区 ${choice.countyCode}`;
  if (!choice.wholeCity) return choice.names.join(' ');
  return `${choice.names.slice(0, 2).join(' ')}（全市）`;
}

export type PublicView =
  | { status: 'choose' }
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; rows: PublicRow[]; emptyText: string };

export function toPublicView(items: readonly PublicHelpView[], choice: RegionChoice): PublicView {
  return { status: 'ready', rows: items.map(toPublicRow), emptyText: `${regionText(choice)}暂时没有已核实的求助` };
}
