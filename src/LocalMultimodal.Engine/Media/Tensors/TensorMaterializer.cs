using System.Buffers.Binary;

namespace LocalMultimodal.Media.Tensors;

/// <summary>
/// Turns raw storage and a layout into an <see cref="EmbeddingTensor"/>: checks the shape against the
/// limits and every index against the storage before allocating, converts to float32 and refuses
/// values that are not finite.
/// </summary>
internal static class TensorMaterializer
{
    // Integers above this lose precision as float32.
    private const long LargestExactInteger = 1 << 24;

    /// <summary>The element count of a shape; throws when the rank, a dimension or the count is out of the limits.</summary>
    public static long CountElements(IReadOnlyList<long> shape, TensorLimits limits)
    {
        if (shape.Count > limits.MaxRank)
        {
            throw TensorErrors.Invalid($"The tensor has rank {shape.Count}; at most {limits.MaxRank} is accepted.");
        }

        long count = 1;
        foreach (long dimension in shape)
        {
            if (dimension < 0)
            {
                throw TensorErrors.Invalid($"The tensor's shape ({string.Join(", ", shape)}) has a negative dimension.");
            }

            // Dividing first keeps the check itself from overflowing.
            if (dimension != 0 && count > limits.MaxElements / dimension)
            {
                throw TooMany(shape, limits);
            }

            count *= dimension;
        }

        return count <= limits.MaxElements ? count : throw TooMany(shape, limits);
    }

    public static int ElementSize(TensorElementType type) => type switch
    {
        TensorElementType.Float16 or TensorElementType.BFloat16 => 2,
        TensorElementType.Float32 or TensorElementType.Int32 => 4,
        _ => 8,
    };

    /// <summary>Reads the view <paramref name="layout"/> describes out of <paramref name="storage"/>.</summary>
    public static EmbeddingTensor Materialize(ReadOnlySpan<byte> storage, TensorLayout layout, TensorLimits limits)
    {
        long count = CountElements(layout.Shape, limits);
        int size = ElementSize(layout.ElementType);
        if (storage.Length % size != 0)
        {
            throw TensorErrors.Invalid($"The tensor's data holds {storage.Length} bytes, not a whole number of {size}-byte elements.");
        }

        long storageElements = storage.Length / size;
        if (count > 0)
        {
            CheckExtent(layout, storageElements);
        }

        var values = new float[count];
        if (IsRowMajor(layout))
        {
            for (long i = 0; i < count; i++)
            {
                values[i] = Read(storage, layout.ElementType, layout.Offset + i);
            }
        }
        else
        {
            ReadStrided(storage, layout, values);
        }

        return new EmbeddingTensor(layout.Shape, values);
    }

    // The furthest element the view reaches must lie inside the storage; strides and offset come
    // from the file, so the sum is computed checked.
    private static void CheckExtent(TensorLayout layout, long storageElements)
    {
        if (layout.Offset < 0 || layout.Strides.Any(s => s < 0))
        {
            throw TensorErrors.Invalid("The tensor's storage offset and strides cannot be negative.");
        }

        long last;
        try
        {
            last = layout.Offset;
            for (int d = 0; d < layout.Shape.Length; d++)
            {
                last = checked(last + ((layout.Shape[d] - 1) * layout.Strides[d]));
            }
        }
        catch (OverflowException)
        {
            throw TensorErrors.Invalid("The tensor's strides reach beyond any possible storage.");
        }

        if (last >= storageElements)
        {
            throw TensorErrors.Invalid($"The tensor's view reaches element {last} but its storage holds {storageElements}: the file is truncated or corrupt.");
        }
    }

    private static bool IsRowMajor(TensorLayout layout)
    {
        long expected = 1;
        for (int d = layout.Shape.Length - 1; d >= 0; d--)
        {
            if (layout.Shape[d] != 1 && layout.Strides[d] != expected)
            {
                return false;
            }

            expected *= layout.Shape[d];
        }

        return true;
    }

    private static void ReadStrided(ReadOnlySpan<byte> storage, TensorLayout layout, float[] values)
    {
        int rank = layout.Shape.Length;
        var index = new long[rank];
        long position = layout.Offset;
        for (long i = 0; i < values.LongLength; i++)
        {
            values[i] = Read(storage, layout.ElementType, position);

            // Odometer: advance the innermost dimension, carrying outwards.
            for (int d = rank - 1; d >= 0; d--)
            {
                position += layout.Strides[d];
                if (++index[d] < layout.Shape[d])
                {
                    break;
                }

                position -= layout.Strides[d] * layout.Shape[d];
                index[d] = 0;
            }
        }
    }

    private static float Read(ReadOnlySpan<byte> storage, TensorElementType type, long element)
    {
        int size = ElementSize(type);
        ReadOnlySpan<byte> bytes = storage.Slice(checked((int)(element * size)), size);
        float value = type switch
        {
            TensorElementType.Float32 => BinaryPrimitives.ReadSingleLittleEndian(bytes),
            TensorElementType.Float16 => (float)BinaryPrimitives.ReadHalfLittleEndian(bytes),
            TensorElementType.BFloat16 => BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(bytes) << 16),
            TensorElementType.Float64 => (float)BinaryPrimitives.ReadDoubleLittleEndian(bytes),
            TensorElementType.Int32 => ExactInteger(BinaryPrimitives.ReadInt32LittleEndian(bytes)),
            _ => ExactInteger(BinaryPrimitives.ReadInt64LittleEndian(bytes)),
        };

        // Float64 values beyond float32's range become infinite here, and are refused with the rest.
        return float.IsFinite(value) ? value : throw TensorErrors.Invalid($"The tensor holds a value that is not finite ({value}) at element {element}.");
    }

    private static float ExactInteger(long value) =>
        value is >= -LargestExactInteger and <= LargestExactInteger ? value : throw TensorErrors.Invalid($"The integer tensor holds {value}, beyond the ±2^24 that float32 holds exactly.");

    private static Errors.InvalidRequestException TooMany(IReadOnlyList<long> shape, TensorLimits limits) =>
        TensorErrors.Invalid($"The tensor's shape ({string.Join(", ", shape)}) holds more than {limits.MaxElements} elements.");
}
