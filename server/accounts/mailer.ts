/**
 * Account mail (password reset links, a warning when someone signs up with a taken address):
 * nodemailer over SMTP_URL, from MAIL_FROM. Without SMTP_URL there is no mailer and nothing is
 * sent (the administrator's CLI still issues reset links).
 *
 * Sending never delays or changes an answer: a request that may mail answers the same whether or
 * not a mail goes out, so the mail is handed to `deliver` and its outcome only logged.
 */
import nodemailer from 'nodemailer';
import type { Logger } from 'pino';

export type Mail = { to: string; subject: string; text: string };
export type Mailer = { send(mail: Mail): Promise<void> };

export function createSmtpMailer(smtpUrl: string, from: string): Mailer & { close(): void } {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async send(mail) {
      await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text });
    },
    close: () => transport.close(),
  };
}

/** Sends in the background; a failure is logged (without the message, which may hold a reset link). */
export function deliver(mailer: Mailer | null | undefined, mail: Mail, logger: Logger): void {
  if (!mailer) return;
  mailer
    .send(mail)
    .catch((err: Error) => logger.warn({ err: { message: err.message, code: (err as { code?: string }).code } }, 'account mail not sent'));
}

/** The texts, Vietnamese first (the users' language), English after. */
export const mails = {
  reset: (to: string, link: string, minutes: number): Mail => ({
    to,
    subject: 'Đặt lại mật khẩu · Reset your password — Mã địa chỉ số',
    text: [
      'Ai đó (có thể là bạn) vừa yêu cầu đặt lại mật khẩu cho tài khoản Mã địa chỉ số gắn với địa chỉ e-mail này.',
      `Mở liên kết sau trong ${minutes} phút để đặt mật khẩu mới (liên kết chỉ dùng được một lần):`,
      '',
      link,
      '',
      'Nếu không phải bạn yêu cầu, hãy bỏ qua thư này: mật khẩu của bạn không đổi.',
      '',
      '---',
      'Someone (probably you) asked to reset the password of the Mã địa chỉ số account of this e-mail address.',
      `Open the link above within ${minutes} minutes to choose a new password (it works once).`,
      'If it was not you, ignore this mail: your password has not changed.',
    ].join('\n'),
  }),
  signupTaken: (to: string, resetPage: string): Mail => ({
    to,
    subject: 'Có người đăng ký bằng e-mail của bạn · Someone tried to sign up with your address — Mã địa chỉ số',
    text: [
      'Ai đó vừa thử tạo tài khoản Mã địa chỉ số bằng địa chỉ e-mail này, nhưng địa chỉ này đã có tài khoản. Không có gì thay đổi.',
      `Nếu đó là bạn và bạn quên mật khẩu, hãy đặt lại mật khẩu tại: ${resetPage}`,
      'Nếu không phải bạn, bạn có thể bỏ qua thư này.',
      '',
      '---',
      'Someone just tried to create a Mã địa chỉ số account with this e-mail address, which already has one. Nothing changed.',
      `If it was you and you have forgotten the password, reset it here: ${resetPage}`,
      'If it was not you, you can ignore this mail.',
    ].join('\n'),
  }),
};
