/** An error whose message is safe and meant for the user (Thai), with the HTTP status to answer. */
export class UserFacingError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export const notFound = () => new UserFacingError(404, 'ไม่พบข้อมูลเด็กรายนี้ หรือคุณไม่มีสิทธิ์เข้าถึง');
