namespace OneToOne.Evaluation.Engine;

/// <summary>A dataset reduced to what the methods need, in arrays indexed by person (0..PersonCount-1): each person's
/// cohort and cost, and for each instrument and timepoint each person's score (NaN when not answered). Built by
/// <see cref="EvaluationFrameBuilder"/> from the CSV reader's rows or from an <see cref="EvaluationDataset"/>, so both
/// go through the same checks; the engine's loops run over these arrays without allocating per row.</summary>
internal sealed class EvaluationFrame
{
    public required int PersonCount { get; init; }

    /// <summary>(byte)<see cref="Cohort"/> per person.</summary>
    public required byte[] Cohorts { get; init; }

    /// <summary>Σ over the person's contacts of duration_minutes / 60 × cost_per_hour of the contact's staff role.</summary>
    public required double[] Costs { get; init; }

    public required int ContactCount { get; init; }

    public required int ResponseCount { get; init; }

    public required EvaluationInstrument[] Instruments { get; init; }

    /// <summary>[instrument][timepoint] → score per person (NaN: none), or null when nobody answered it at that timepoint.</summary>
    public required double[]?[][] Scores { get; init; }

    public int IndexOfInstrument(string code) => Array.FindIndex(Instruments, i => string.Equals(i.Code, code, StringComparison.Ordinal));
}
