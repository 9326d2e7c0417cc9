using System.Buffers.Binary;
using System.Text;

namespace LocalMultimodal.Media.Tensors;

/// <summary>
/// Reads the <c>data.pkl</c> of a torch.save file holding one dense tensor. This is not an unpickler:
/// it knows the few opcodes torch writes for that object, resolves only the names in
/// <see cref="TorchPickleGlobal"/> and "calls" only <c>_rebuild_tensor_v2</c> and an empty
/// <c>OrderedDict</c>, by building records. Nothing in the file is imported, called or executed.
/// </summary>
internal sealed class TorchPickleReader
{
    private const int MaxStack = 1024;
    private const int MaxMemo = 1024;
    private const int MaxString = 1024;
    private const int MaxGlobalLine = 128;

    private static readonly Encoding StrictUtf8 = new UTF8Encoding(false, throwOnInvalidBytes: true);

    private readonly byte[] _pickle;
    private readonly List<object> _stack = [];
    private readonly List<int> _marks = [];
    private readonly Dictionary<uint, object> _memo = [];
    private int _position;

    private TorchPickleReader(byte[] pickle) => _pickle = pickle;

    /// <summary>The tensor the pickle describes; throws for anything that is not exactly one dense tensor.</summary>
    public static TorchTensorRecord Read(byte[] pickle) => new TorchPickleReader(pickle).Run();

    private TorchTensorRecord Run()
    {
        while (true)
        {
            byte opcode = ReadByte();
            switch (opcode)
            {
                case 0x80: // PROTO
                    byte protocol = ReadByte();
                    if (protocol is < 2 or > 5)
                    {
                        throw TensorErrors.Invalid($"The torch.save data uses pickle protocol {protocol}; protocols 2 to 5 are read.");
                    }

                    break;
                case 0x95: // FRAME (protocol 4+): a length hint only.
                    Take(8);
                    break;
                case (byte)'c': // GLOBAL
                    Push(Resolve(ReadLine(), ReadLine()));
                    break;
                case 0x93: // STACK_GLOBAL
                    string name = PopAs<string>("a global's name");
                    Push(Resolve(PopAs<string>("a global's module"), name));
                    break;
                case (byte)'(': // MARK
                    _marks.Add(_stack.Count);
                    break;
                case (byte)')': // EMPTY_TUPLE
                    Push(Array.Empty<object>());
                    break;
                case (byte)'t': // TUPLE
                    Push(PopToMark());
                    break;
                case 0x85: // TUPLE1
                case 0x86: // TUPLE2
                case 0x87: // TUPLE3
                    Push(PopMany(opcode - 0x84));
                    break;
                case (byte)'K': // BININT1
                    Push((long)ReadByte());
                    break;
                case (byte)'M': // BININT2
                    Push((long)BinaryPrimitives.ReadUInt16LittleEndian(Take(2)));
                    break;
                case (byte)'J': // BININT
                    Push((long)BinaryPrimitives.ReadInt32LittleEndian(Take(4)));
                    break;
                case 0x8a: // LONG1
                    Push(ReadLong1());
                    break;
                case 0x88: // NEWTRUE
                    Push(true);
                    break;
                case 0x89: // NEWFALSE
                    Push(false);
                    break;
                case (byte)'}': // EMPTY_DICT
                    Push(PickleSentinel.EmptyMapping);
                    break;
                case (byte)'X': // BINUNICODE
                    Push(ReadString(BinaryPrimitives.ReadUInt32LittleEndian(Take(4))));
                    break;
                case 0x8c: // SHORT_BINUNICODE
                    Push(ReadString(ReadByte()));
                    break;
                case (byte)'q': // BINPUT
                    Memoize(ReadByte());
                    break;
                case (byte)'r': // LONG_BINPUT
                    Memoize(BinaryPrimitives.ReadUInt32LittleEndian(Take(4)));
                    break;
                case 0x94: // MEMOIZE
                    Memoize((uint)_memo.Count);
                    break;
                case (byte)'h': // BINGET
                    Push(Recall(ReadByte()));
                    break;
                case (byte)'j': // LONG_BINGET
                    Push(Recall(BinaryPrimitives.ReadUInt32LittleEndian(Take(4))));
                    break;
                case (byte)'Q': // BINPERSID
                    Push(ToStorage(PopAs<object[]>("a storage reference")));
                    break;
                case (byte)'R': // REDUCE
                    object[] arguments = PopAs<object[]>("the arguments of a call");
                    Push(Call(Pop(), arguments));
                    break;
                case (byte)'s' or (byte)'u' or (byte)']' or (byte)'a' or (byte)'e':
                    throw TensorErrors.Invalid("The torch.save data holds a dict, list or other container; send a single tensor (one per name for several).");
                case (byte)'.': // STOP
                    return Result();
                default:
                    throw TensorErrors.Invalid($"The torch.save data uses a pickle instruction (0x{opcode:x2}) outside what a single saved tensor needs; it is refused unread.");
            }
        }
    }

    private static TorchPickleGlobal Resolve(string module, string name) => $"{module}.{name}" switch
    {
        "torch._utils._rebuild_tensor_v2" => TorchPickleGlobal.RebuildTensorV2,
        "collections.OrderedDict" => TorchPickleGlobal.OrderedDict,
        "torch.FloatStorage" => TorchPickleGlobal.FloatStorage,
        "torch.HalfStorage" => TorchPickleGlobal.HalfStorage,
        "torch.BFloat16Storage" => TorchPickleGlobal.BFloat16Storage,
        "torch.DoubleStorage" => TorchPickleGlobal.DoubleStorage,
        "torch.IntStorage" => TorchPickleGlobal.IntStorage,
        "torch.LongStorage" => TorchPickleGlobal.LongStorage,
        var other => throw TensorErrors.Invalid($"The torch.save data references {other}, which is not allowed: only a single dense float tensor is accepted."),
    };

    private static object Call(object callable, object[] arguments) => callable switch
    {
        TorchPickleGlobal.RebuildTensorV2 => ToTensor(arguments),
        TorchPickleGlobal.OrderedDict when arguments.Length == 0 => PickleSentinel.EmptyMapping,
        _ => throw TensorErrors.Invalid("The torch.save data calls something other than the tensor rebuild; it is refused."),
    };

    // ('storage', torch.XStorage, key, location, numel): where the tensor's bytes are in the zip.
    private static TorchStorageReference ToStorage(object[] id)
    {
        if (id is not ["storage", TorchPickleGlobal type, string key, string, long count] || count < 0)
        {
            throw TensorErrors.Invalid("The torch.save data has a storage reference of an unexpected form.");
        }

        TensorElementType elementType = type switch
        {
            TorchPickleGlobal.FloatStorage => TensorElementType.Float32,
            TorchPickleGlobal.HalfStorage => TensorElementType.Float16,
            TorchPickleGlobal.BFloat16Storage => TensorElementType.BFloat16,
            TorchPickleGlobal.DoubleStorage => TensorElementType.Float64,
            TorchPickleGlobal.IntStorage => TensorElementType.Int32,
            TorchPickleGlobal.LongStorage => TensorElementType.Int64,
            _ => throw TensorErrors.Invalid("The torch.save data has a storage reference without a storage type."),
        };

        return new TorchStorageReference(elementType, key, count);
    }

    // _rebuild_tensor_v2(storage, offset, size, stride, requires_grad, backward_hooks[, metadata]).
    private static TorchTensorRecord ToTensor(object[] arguments)
    {
        bool wellFormed = arguments is [TorchStorageReference, long, object[], object[], bool, PickleSentinel.EmptyMapping]
            or [TorchStorageReference, long, object[], object[], bool, PickleSentinel.EmptyMapping, PickleSentinel.EmptyMapping];
        if (!wellFormed)
        {
            throw TensorErrors.Invalid("The torch.save data rebuilds a tensor with unexpected arguments (a sparse, quantized or subclassed tensor is not accepted).");
        }

        long[] shape = ToLongs((object[])arguments[2]);
        long[] strides = ToLongs((object[])arguments[3]);
        if (shape.Length != strides.Length)
        {
            throw TensorErrors.Invalid("The torch.save data gives the tensor a size and stride of different ranks.");
        }

        return new TorchTensorRecord((TorchStorageReference)arguments[0], (long)arguments[1], shape, strides);
    }

    private static long[] ToLongs(object[] tuple)
    {
        var values = new long[tuple.Length];
        for (int i = 0; i < tuple.Length; i++)
        {
            values[i] = tuple[i] as long? ?? throw TensorErrors.Invalid("The torch.save data gives a tensor size or stride that is not a tuple of integers.");
        }

        return values;
    }

    private TorchTensorRecord Result()
    {
        if (_stack.Count != 1 || _marks.Count != 0)
        {
            throw TensorErrors.Invalid("The torch.save data ends in an inconsistent state.");
        }

        return _stack[0] as TorchTensorRecord
            ?? throw TensorErrors.Invalid("The torch.save data holds something other than a single tensor.");
    }

    private void Push(object value)
    {
        if (_stack.Count >= MaxStack)
        {
            throw TensorErrors.Invalid("The torch.save data nests deeper than a single tensor needs.");
        }

        _stack.Add(value);
    }

    private object Pop()
    {
        int floor = _marks.Count == 0 ? 0 : _marks[^1];
        if (_stack.Count <= floor)
        {
            throw TensorErrors.Invalid("The torch.save data is corrupt: it reads past the values it pushed.");
        }

        object value = _stack[^1];
        _stack.RemoveAt(_stack.Count - 1);
        return value;
    }

    private T PopAs<T>(string what)
        where T : class =>
        Pop() as T ?? throw TensorErrors.Invalid($"The torch.save data is corrupt: {what} has the wrong type.");

    private object[] PopMany(int count)
    {
        var items = new object[count];
        for (int i = count - 1; i >= 0; i--)
        {
            items[i] = Pop();
        }

        return items;
    }

    private object[] PopToMark()
    {
        if (_marks.Count == 0)
        {
            throw TensorErrors.Invalid("The torch.save data is corrupt: a tuple without its start mark.");
        }

        int mark = _marks[^1];
        _marks.RemoveAt(_marks.Count - 1);
        object[] items = _stack.GetRange(mark, _stack.Count - mark).ToArray();
        _stack.RemoveRange(mark, _stack.Count - mark);
        return items;
    }

    private void Memoize(uint index)
    {
        if (_stack.Count == 0 || _memo.Count >= MaxMemo)
        {
            throw TensorErrors.Invalid("The torch.save data is corrupt: it memoizes more values than it pushed.");
        }

        _memo[index] = _stack[^1];
    }

    private object Recall(uint index) =>
        _memo.TryGetValue(index, out object? value) ? value : throw TensorErrors.Invalid("The torch.save data is corrupt: it recalls a value it never stored.");

    private long ReadLong1()
    {
        int length = ReadByte();
        if (length > 8)
        {
            throw TensorErrors.Invalid("The torch.save data holds an integer wider than 64 bits.");
        }

        ReadOnlySpan<byte> bytes = Take(length);
        long value = 0;
        for (int i = length - 1; i >= 0; i--)
        {
            value = (value << 8) | bytes[i];
        }

        // Two's complement: sign-extend from the top byte written.
        return length is > 0 and < 8 && (bytes[length - 1] & 0x80) != 0 ? value - (1L << (8 * length)) : value;
    }

    private string ReadString(uint length)
    {
        if (length > MaxString)
        {
            throw TensorErrors.Invalid("The torch.save data holds a string longer than a tensor needs.");
        }

        try
        {
            return StrictUtf8.GetString(Take((int)length));
        }
        catch (DecoderFallbackException ex)
        {
            throw TensorErrors.Invalid("The torch.save data holds a string that is not valid UTF-8.", ex);
        }
    }

    private string ReadLine()
    {
        int start = _position;
        while (true)
        {
            byte b = ReadByte();
            if (b == (byte)'\n')
            {
                return Encoding.ASCII.GetString(_pickle, start, _position - start - 1);
            }

            if (b is < 0x20 or > 0x7e || _position - start > MaxGlobalLine)
            {
                throw TensorErrors.Invalid("The torch.save data names a global that is not a plain module and name.");
            }
        }
    }

    private byte ReadByte() => Take(1)[0];

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count > _pickle.Length - _position)
        {
            throw TensorErrors.Invalid("The torch.save data ends early: it is truncated or corrupt.");
        }

        var span = new ReadOnlySpan<byte>(_pickle, _position, count);
        _position += count;
        return span;
    }
}
