namespace OneToOne.Evaluation.Engine;

/// <summary>The evaluation's methods, the same over the live database and a CSV dataset (docs/evaluation.md).</summary>
public static class EvaluationEngine
{
    public static EvaluationResult Evaluate(EvaluationDataset data, EvaluationSettings settings) =>
        throw new NotImplementedException("The evaluation engine is being built (issue 5).");
}
