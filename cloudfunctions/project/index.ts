// Cloud function `project`: publishing (organization admins), platform review, discovery and detail (anyone),
// posters and group-chat attribution (RULES §3). Contracts: typings/project-actions.ts.
// Timer trigger: advanceProjectStatus (config.json), recruiting → in progress → finished by shift times.
// Message push: wxa_media_check, WeChat's verdict on a cover image (cover-check.ts).
import { defineFunction } from '../_shared/frame/action';
import { advanceProjectStatus } from './advance-status';
import { attributeGroup } from './attribute-group';
import { receiveMediaCheck } from './cover-check';
import { cancel, changePlaces, updatePlace, updateSeries, updateShift } from './changes';
import { discover } from './discover';
import { get } from './get';
import { mine } from './mine';
import { poster } from './poster';
import { recordInsurance } from './record-insurance';
import { resolveScene } from './resolve-scene';
import { review } from './review';
import { saveDraft } from './save-draft';
import { submit } from './submit';
import { uploadCover } from './upload-cover';
import { forYou } from './for-you';

export const { main, actions } = defineFunction<'project'>(
  {
    saveDraft,
    submit,
    review,
    updateShift,
    updateSeries,
    updatePlace,
    changePlaces,
    cancel,
    recordInsurance,
    mine,
    get,
    discover,
    uploadCover,
    poster,
    resolveScene,
    attributeGroup,
    forYou,
  },
  { advanceProjectStatus },
  // The receiver of WeChat's cover verdicts (config.json messagePush; the console's 消息推送 in production).
  { wxa_media_check: receiveMediaCheck },
);
