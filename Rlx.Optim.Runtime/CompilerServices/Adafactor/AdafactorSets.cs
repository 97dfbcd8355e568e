using System;

namespace Rlx.Optim.CompilerServices;

/// <summary>
/// A set's <see cref="AdafactorSet{TRule, TParameter, TParameterStorage, TGradient, TGradientStorage}"/> for its
/// element types, each through its storage.
/// </summary>
internal static class AdafactorSets
{
    /// <summary>
    /// The set's passes over θ of <typeparamref name="TParameter"/> and g of <typeparamref name="TGradient"/>, kept
    /// with its state so that its calls allocate nothing after the first.
    /// </summary>
    /// <exception cref="NotSupportedException">An element type other than float, Half or BFloat16.</exception>
    public static StepPlanSet<AdafactorScalars> For<TRule, TParameter, TGradient>(ParameterState state)
        where TRule : IAdafactorRule
        where TParameter : unmanaged
        where TGradient : unmanaged =>
        Of<TRule, TParameter, TGradient>(state, cached: true);

    /// <summary>A new instance of those passes, not kept (a master copy's, which its own set keeps).</summary>
    /// <exception cref="NotSupportedException">An element type other than float, Half or BFloat16.</exception>
    public static StepPlanSet<AdafactorScalars> Create<TRule, TParameter, TGradient>(ParameterState state)
        where TRule : IAdafactorRule
        where TParameter : unmanaged
        where TGradient : unmanaged =>
        Of<TRule, TParameter, TGradient>(state, cached: false);

    private static StepPlanSet<AdafactorScalars> Of<TRule, TParameter, TGradient>(ParameterState state, bool cached)
        where TRule : IAdafactorRule
        where TParameter : unmanaged
        where TGradient : unmanaged
    {
        if (typeof(TParameter) == typeof(float))
        {
            return WithGradient<TRule, float, FloatStorage, TGradient>(state, cached);
        }

        if (typeof(TParameter) == typeof(BFloat16))
        {
            return WithGradient<TRule, BFloat16, BFloat16Storage, TGradient>(state, cached);
        }

        if (typeof(TParameter) == typeof(Half))
        {
            return WithGradient<TRule, Half, HalfStorage, TGradient>(state, cached);
        }

        throw new NotSupportedException($"Parameters of type {typeof(TParameter).Name} are not supported: use float, Half or BFloat16.");
    }

    private static StepPlanSet<AdafactorScalars> WithGradient<TRule, TParameter, TParameterStorage, TGradient>(ParameterState state, bool cached)
        where TRule : IAdafactorRule
        where TParameter : unmanaged
        where TParameterStorage : struct, IStorage<TParameter>
        where TGradient : unmanaged
    {
        if (typeof(TGradient) == typeof(float))
        {
            return OfStorages<TRule, TParameter, TParameterStorage, float, FloatStorage>(state, cached);
        }

        if (typeof(TGradient) == typeof(BFloat16))
        {
            return OfStorages<TRule, TParameter, TParameterStorage, BFloat16, BFloat16Storage>(state, cached);
        }

        if (typeof(TGradient) == typeof(Half))
        {
            return OfStorages<TRule, TParameter, TParameterStorage, Half, HalfStorage>(state, cached);
        }

        throw new NotSupportedException($"Gradients of type {typeof(TGradient).Name} are not supported: use float, Half or BFloat16.");
    }

    private static StepPlanSet<AdafactorScalars> OfStorages<TRule, TParameter, TParameterStorage, TGradient, TGradientStorage>(
        ParameterState state, bool cached)
        where TRule : IAdafactorRule
        where TParameter : unmanaged
        where TParameterStorage : struct, IStorage<TParameter>
        where TGradient : unmanaged
        where TGradientStorage : struct, IStorage<TGradient>
    {
        if (!cached)
        {
            return new AdafactorSet<TRule, TParameter, TParameterStorage, TGradient, TGradientStorage>(state);
        }

        if (state.OwnPlanSet is AdafactorSet<TRule, TParameter, TParameterStorage, TGradient, TGradientStorage> kept)
        {
            return kept;
        }

        var set = new AdafactorSet<TRule, TParameter, TParameterStorage, TGradient, TGradientStorage>(state);
        state.OwnPlanSet = set;
        return set;
    }
}
