// Collection `users`: one document per WeChat identity; `_id` is userIdOf(OPENID) (ids.ts).
export interface UserDoc {
  _id: string;
  openid: string;
  unionid?: string;
  roles: string[];
  volunteerId?: string;
  createdAt: Date;
}
