using System.Globalization;
using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace OneToOne.Notifications;

/// <summary>Email through the partner's own mail server (MailKit). The Message-Id carries the outbox id, so a copy
/// that had to be sent twice (see the ADR's at-least-once window) is recognisable as the same message. SMTP cannot
/// be asked whether it already has a message, so a doubtful attempt is simply sent again.</summary>
internal sealed class SmtpProvider(NotificationOptions options) : IMessageProvider
{
    public const string ProviderName = "smtp";

    public string Name => ProviderName;

    public static string MessageIdFor(Guid outboxId, string from)
    {
        var at = from.LastIndexOf('@');
        var domain = at >= 0 && at < from.Length - 1 ? from[(at + 1)..] : "onetoone.local";
        return string.Create(CultureInfo.InvariantCulture, $"{outboxId:N}@{domain}");
    }

    public async Task<DeliveryResult> SendAsync(OutboxMessage message, CancellationToken ct)
    {
        var smtp = options.Smtp;
        if (!MailboxAddress.TryParse(message.To, out var to) || string.IsNullOrEmpty(to.Address) || !to.Address.Contains('@', StringComparison.Ordinal))
        {
            return DeliveryResult.Permanent("The email address is not valid");
        }

        var from = smtp.From ?? throw new InvalidOperationException("Notifications:Smtp:From is not set.");
        using var mime = new MimeMessage();
        mime.From.Add(new MailboxAddress(smtp.FromName, from));
        mime.To.Add(to);
        mime.Subject = message.Subject;
        mime.MessageId = MessageIdFor(message.Id, from);
        mime.Body = new TextPart("plain") { Text = message.Body };

        using var client = new SmtpClient { Timeout = options.SendTimeoutSeconds * 1000 };
        try
        {
            await client.ConnectAsync(smtp.Host ?? throw new InvalidOperationException("Notifications:Smtp:Host is not set."), smtp.Port, Security(smtp.Security), ct);
            if (!string.IsNullOrEmpty(smtp.Username))
            {
                await client.AuthenticateAsync(smtp.Username, smtp.Password ?? "", ct);
            }

            await client.SendAsync(mime, ct);
            await client.DisconnectAsync(quit: true, ct);
            return DeliveryResult.Sent("<" + mime.MessageId + ">");
        }
        catch (SmtpCommandException e)
        {
            var error = string.Create(CultureInfo.InvariantCulture, $"The mail server answered {(int)e.StatusCode} ({e.ErrorCode})");
            return SmtpReplies.IsPermanent(e.ErrorCode, (int)e.StatusCode) ? DeliveryResult.Permanent(error) : DeliveryResult.Transient(error);
        }
        catch (Exception e) when (e is SmtpProtocolException or ServiceNotConnectedException or AuthenticationException or SslHandshakeException
                                     or SocketException or IOException)
        {
            return DeliveryResult.Transient("Could not send through the mail server (" + e.GetType().Name + ")");
        }
    }

    public Task<DeliveryResult?> FindAsync(OutboxMessage message, CancellationToken ct) => Task.FromResult<DeliveryResult?>(null);

    public Task<DeliveryCheck?> CheckAsync(OutboxMessage message, CancellationToken ct) => Task.FromResult<DeliveryCheck?>(null);

    private static SecureSocketOptions Security(string value) =>
        Enum.TryParse<SecureSocketOptions>(value, ignoreCase: true, out var parsed)
            ? parsed
            : throw new InvalidOperationException("Notifications:Smtp:Security must be StartTls, SslOnConnect, StartTlsWhenAvailable, Auto or None.");
}

/// <summary>SMTP replies as outcomes: a 5xx refusal of the recipient or of the message is final for that message;
/// 4xx is "try again later"; a refused sender is our configuration, so it may pass once fixed.</summary>
internal static class SmtpReplies
{
    public static bool IsPermanent(SmtpErrorCode code, int status) =>
        status >= 500 && code is SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.MessageNotAccepted;
}
