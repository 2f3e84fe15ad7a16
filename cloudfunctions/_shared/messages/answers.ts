// Refusals more than one function answers, in one wording.
import { fail } from '../frame/envelope';

export const notRegistered = () => fail('NOT_REGISTERED' as const, '你还没有完成志愿者实名注册，请先注册');
