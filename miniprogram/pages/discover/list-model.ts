// 发现's project list: filters → the discover request, a card → what a row shows. Pure.
import type { DiscoverRequest, DiscoverSort, ProjectCard } from '../../../typings/project-actions';
import { categoryLabel, distanceText, shiftTimeText } from '../../common/project-labels';
import { SERVICE_CATEGORIES } from '../../domain/codes';

export const SORTS: ReadonlyArray<{ sort: DiscoverSort; label: string }> = [
  { sort: 'distance', label: '离我最近' },
  { sort: 'startsAt', label: '最早开始' },
  { sort: 'newest', label: '最新发布' },
];

/** 全部类别 first, then the code list. */
export const CATEGORY_LABELS: readonly string[] = ['全部类别', ...SERVICE_CATEGORIES.map((c) => c.label)];

export interface Filters {
  sortIndex: number;
  categoryIndex: number;
  keyword: string;
  placesOnly: boolean;
}

export const DEFAULT_FILTERS: Filters = { sortIndex: 0, categoryIndex: 0, keyword: '', placesOnly: false };

export interface Point {
  latitude: number;
  longitude: number;
}

/**
 * The request for the filters and where the person is. Without a location, "nearest" cannot be answered, so the
 * list falls back to the soonest projects; the sort shown says so.
 */
export function requestOf(f: Filters, at: Point | undefined, cursor?: string): DiscoverRequest {
  const wanted = SORTS[f.sortIndex]?.sort ?? 'distance';
  const sort: DiscoverSort = wanted === 'distance' && !at ? 'startsAt' : wanted;
  const category = f.categoryIndex > 0 ? SERVICE_CATEGORIES[f.categoryIndex - 1]?.code : undefined;
  const keyword = f.keyword.trim();
  return {
    sort,
    ...(at ? { near: { longitude: at.longitude, latitude: at.latitude } } : {}),
    ...(category ? { category } : {}),
    ...(keyword ? { keyword } : {}),
    ...(f.placesOnly ? { hasPlacesLeft: true } : {}),
    ...(cursor ? { cursor } : {}),
  };
}

export interface CardView {
  projectId: string;
  title: string;
  orgName: string;
  meta: string;
  timeText: string;
  placesText: string;
  full: boolean;
  distance: string;
}

export function toCardView(c: ProjectCard): CardView {
  const left = c.placesLeft ?? 0;
  return {
    projectId: c.projectId,
    title: c.title,
    orgName: c.orgName,
    meta: `${categoryLabel(c.category)} · ${c.address}`,
    timeText: shiftTimeText(c.startsAt, c.startsAt).split(' ').slice(0, 2).join(' ') + ' 起',
    placesText: left > 0 ? `剩 ${left} 个名额` : '名额已满',
    full: left === 0,
    distance: c.distanceM !== undefined ? distanceText(c.distanceM) : '',
  };
}

/** What the list says when it is empty. */
export function emptyText(f: Filters): string {
  return f.keyword.trim() || f.categoryIndex > 0 || f.placesOnly ? '没有符合条件的项目，换个条件试试' : '附近暂时没有正在招募的项目';
}
