using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OneToOne.Notifications;
using OneToOne.Platform.Background;
using OneToOne.Referrals;

namespace OneToOne.PatientAccess;

/// <summary>The person's own access (sign-in with a one-time code, their pages), easy access back after discharge
/// (open-access periods, requests for help) and the discharge flow that starts it. Wired from
/// <see cref="PatientAccessModule"/>.</summary>
internal static class PersonAccessModule
{
    public const string SignInRateLimit = "person-sign-in";

    public static IServiceCollection AddPersonAccess(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(PersonAccessOptions.Section).Get<PersonAccessOptions>() ?? new PersonAccessOptions();
        services.AddSingleton(options);
        services.AddScoped<PersonSignIn>();
        services.AddScoped<HelpRequests>();
        services.AddScoped<QuestionnaireLinks>();
        services.TryAddScoped<ISupervisorLookup, NoSupervisorLookup>();
        services.AddScheduledJob<OpenAccessEndingJob>();
        services.AddScheduledJob<SignInChallengePurgeJob>();

        services.AddNotificationTemplate(new NotificationTemplate(PersonSignIn.CodeTemplate, "Your sign-in code",
            "Your code to see your one-to-one support pages is ((code)). It expires in ((minutes)) minutes. "
            + "Do not share it with anyone: the team will never ask you for it. If you did not ask for a code, you can ignore this message."));
        services.AddNotificationTemplate(new NotificationTemplate(PersonSignIn.AmbiguousTemplate, "We could not sign you in",
            "Someone asked to sign in to your one-to-one support pages with your details, but they match more than one record, "
            + "so we cannot sign you in online. Contact your support team and they will help. If this was not you, you can ignore this message."));
        services.AddNotificationTemplate(new NotificationTemplate(QuestionnaireLinks.Template, "((name))",
            "Your support team would like you to complete a short questionnaire: ((name)). Open this link and enter your date of birth: ((url)) "
            + "The link works once and expires in ((hours)) hours."));
        services.AddNotificationTemplate(new NotificationTemplate(Discharges.OpenAccessTemplate, "You can still ask us for help",
            "You have finished your one-to-one support with ((service)). Until ((until)) you can ask the team for help without a new referral: "
            + "sign in at ((url)) or phone the team. After that, contact your GP, who can refer you again."));
        services.AddNotificationTemplate(new NotificationTemplate(HelpRequests.RedFlagTemplate, "Urgent: a request for help reports a possible red-flag symptom",
            "A person has asked the team for help and reported a possible red-flag symptom. Please answer it by ((due)): ((link))"));
        services.AddNotificationTemplate(new NotificationTemplate(OpenAccessEndingJob.EndedTemplate, "Your open access to the support team has ended",
            "Your time to contact the one-to-one support team at ((service)) directly ended on ((date)). If you need help, contact your GP, "
            + "who can refer you again. If you have a new symptom that worries you, contact your GP or call 111. In an emergency, call 999."));

        services.AddAuthentication().AddCookie(PersonSessions.Scheme, o =>
        {
            o.Cookie.Name = PersonSessions.CookieName;
            o.Cookie.Path = "/my";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromMinutes(options.SessionMinutes);
            o.SlidingExpiration = true;
            o.LoginPath = "/my/sign-in";
            o.AccessDeniedPath = "/my/sign-in";
            o.LogoutPath = "/my/sign-out";
        });
        services.Configure<AuthorizationOptions>(o => o.AddPolicy(PersonSessions.Policy, p => p
            .AddAuthenticationSchemes(PersonSessions.Scheme)
            .RequireAuthenticatedUser()
            .RequireClaim(PersonSessions.PersonClaim)));

        // Sign-in and code guesses per IP address; viewing the pages is not limited.
        services.Configure<RateLimiterOptions>(o => o.AddPolicy(SignInRateLimit, http =>
            HttpMethods.IsPost(http.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(
                    http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = options.SignInAttemptsPerMinutePerIp, Window = TimeSpan.FromMinutes(1) })
                : RateLimitPartition.GetNoLimiter("view")));
        return services;
    }
}
