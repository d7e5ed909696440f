using Microsoft.EntityFrameworkCore;
using OneToOne.Platform.Auth;
using OneToOne.Platform.Data;

namespace OneToOne.Platform.Background;

/// <summary>Runs system work inside each organisation in turn, each in its own DI scope (its own DbContext,
/// acting for that organisation), so background work sees exactly what that organisation's staff would.</summary>
public sealed class OrganisationScopes(IServiceScopeFactory scopes)
{
    public async Task<IReadOnlyList<Guid>> OrganisationIdsAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OneToOneDb>();
        return await db.Organisations.AsNoTracking().OrderBy(o => o.Id).Select(o => o.Id).ToListAsync(ct);
    }

    public async Task ForEachAsync(Func<IServiceProvider, Guid, Task> work, CancellationToken ct)
    {
        foreach (var organisationId in await OrganisationIdsAsync(ct))
        {
            await InAsync(organisationId, sp => work(sp, organisationId));
        }
    }

    public async Task InAsync(Guid organisationId, Func<IServiceProvider, Task> work)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActFor(organisationId);
        await work(scope.ServiceProvider);
    }
}
