namespace OneToOne.Evaluation.Engine;

/// <summary>Where `evaluate --from DATE --to DATE` gets its data: the live evaluation (Evaluation/Live) implements this over
/// the database and registers it (e.g. <c>services.AddScoped&lt;IEvaluationDatasetSource, LiveDatasetSource&gt;()</c>).
/// The dataset must keep the same rules as the CSV files (docs/evaluation.md, "The dataset"): every contact's and
/// response's person among the people, every staff role with a unit cost, every response's instrument among the
/// instruments with its score in range, at most one response per person, instrument and timepoint. The engine refuses
/// a dataset that breaks them (<see cref="EvaluationDataException"/>) rather than evaluate part of it.</summary>
public interface IEvaluationDatasetSource
{
    Task<EvaluationDataset> LoadAsync(EvaluationFilter filter, CancellationToken ct);
}

/// <summary>A source that can also give the engine's frame directly (the live source), for `evaluate --from --to` when no
/// dataset is to be exported: the same data, people in the same order and the same checks as
/// <c>EvaluationFrameBuilder.FromDataset(await LoadAsync(...))</c>, without the dataset's rows in between.</summary>
internal interface IEvaluationFrameSource
{
    Task<EvaluationFrame> LoadFrameAsync(EvaluationFilter filter, CancellationToken ct);
}
