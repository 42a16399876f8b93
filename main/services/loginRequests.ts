import { DomainError } from '../../common/result';
import type { Handlers } from '../dispatcher';

type LoginRequestMethod = 'registrations.list' | 'registrations.count' | 'registrations.get' | 'registrations.approve' | 'registrations.reject';

const notYet = (): never => {
  throw new DomainError('internal', 'not yet');
};

export const loginRequestHandlers: Pick<Handlers, LoginRequestMethod> = {
  'registrations.list': notYet,
  'registrations.count': notYet,
  'registrations.get': notYet,
  'registrations.approve': notYet,
  'registrations.reject': notYet,
};
