// 我们的项目: an organization's projects for its admins → rows with status and dates, and which can have a poster or a
// bulk issue of certificates. Pure.
import type { ProjectCard } from '../../../typings/project-actions';
import { PROJECT_STATUS_LABELS, shiftTimeText } from '../../common/project-labels';

export interface ProjectRow {
  projectId: string;
  title: string;
  statusText: string;
  status: ProjectCard['status'];
  whenText: string;
  /** A poster's mini-program code is made for published projects only. */
  canPoster: boolean;
  /** 编辑 a draft or rejected project's whole form; 修改 a published one's shifts and place; neither once it is over. */
  editLabel: '' | '编辑' | '修改';
  /** 批量开具证明 once people have served: a project under way or finished. */
  canBulkCertify: boolean;
}

export function toProjectRow(c: ProjectCard): ProjectRow {
  const hasDates = Date.parse(c.startsAt) > 0;
  return {
    projectId: c.projectId,
    title: c.title || '未命名的草稿',
    statusText: PROJECT_STATUS_LABELS[c.status],
    status: c.status,
    whenText: hasDates ? `${shiftTimeText(c.startsAt, c.startsAt).split(' ').slice(0, 2).join(' ')} 起` : '尚未安排班次',
    canPoster: c.status === 'recruiting' || c.status === 'in_progress',
    canBulkCertify: c.status === 'in_progress' || c.status === 'finished',
    editLabel: c.status === 'draft' || c.status === 'rejected' ? '编辑' : c.status === 'recruiting' || c.status === 'in_progress' ? '修改' : '',
  };
}
