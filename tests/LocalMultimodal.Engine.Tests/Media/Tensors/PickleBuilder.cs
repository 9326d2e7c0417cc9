using System.Buffers.Binary;
using System.Text;

namespace LocalMultimodal.Tests.Media.Tensors;

/// <summary>Writes pickle opcodes one by one, to build the data.pkl of torch.save files by hand, well-formed or hostile.</summary>
internal sealed class PickleBuilder
{
    private readonly List<byte> _bytes = [];

    /// <summary>
    /// The opcodes torch.save (protocol 2) writes for one dense tensor, as pickletools shows them
    /// for a real file: GLOBAL _rebuild_tensor_v2, MARK, the persistent id ('storage', type, key,
    /// 'cpu', numel) and BINPERSID, offset, size, stride, False, OrderedDict(), TUPLE, REDUCE, STOP.
    /// </summary>
    public static byte[] Tensor(string storageType, long numel, long offset, long[] shape, long[] strides, string key = "0")
    {
        var p = new PickleBuilder().Proto(2).Global("torch._utils", "_rebuild_tensor_v2").BinPut(0).Mark();
        p.Mark().Unicode("storage").BinPut(1).Global("torch", storageType).BinPut(2).Unicode(key).BinPut(3).Unicode("cpu").BinPut(4).Int(numel).Op('t').BinPut(5).Op('Q');
        p.Int(offset).Tuple(shape).BinPut(6).Tuple(strides).BinPut(7).Op(0x89);
        p.Global("collections", "OrderedDict").BinPut(8).Op(')').Op('R').BinPut(9).Op('t').BinPut(10).Op('R').BinPut(11).Op('.');
        return p.ToArray();
    }

    public PickleBuilder Op(char opcode) => Op((byte)opcode);

    public PickleBuilder Op(byte opcode)
    {
        _bytes.Add(opcode);
        return this;
    }

    public PickleBuilder Proto(byte version) => Op(0x80).Op(version);

    public PickleBuilder Mark() => Op('(');

    public PickleBuilder BinPut(byte index) => Op('q').Op(index);

    public PickleBuilder Global(string module, string name)
    {
        Op('c');
        _bytes.AddRange(Encoding.ASCII.GetBytes($"{module}\n{name}\n"));
        return this;
    }

    public PickleBuilder Unicode(string value)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(value);
        Op('X');
        _bytes.AddRange(BitConverter.GetBytes((uint)utf8.Length));
        _bytes.AddRange(utf8);
        return this;
    }

    /// <summary>The integer opcode pickle picks: BININT1, BININT2, BININT, else LONG1.</summary>
    public PickleBuilder Int(long value)
    {
        if (value is >= 0 and <= byte.MaxValue)
        {
            return Op('K').Op((byte)value);
        }

        if (value is >= 0 and <= ushort.MaxValue)
        {
            Op('M');
            _bytes.AddRange(BitConverter.GetBytes((ushort)value));
            return this;
        }

        if (value is >= int.MinValue and <= int.MaxValue)
        {
            Op('J');
            _bytes.AddRange(BitConverter.GetBytes((int)value));
            return this;
        }

        var buffer = new byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(buffer, value);
        Op(0x8a).Op(8);
        _bytes.AddRange(buffer);
        return this;
    }

    /// <summary>A tuple of integers as pickle writes it: TUPLE1-3 when short, else MARK ... TUPLE.</summary>
    public PickleBuilder Tuple(long[] items)
    {
        if (items.Length == 0)
        {
            return Op(')');
        }

        if (items.Length > 3)
        {
            Mark();
        }

        foreach (long item in items)
        {
            Int(item);
        }

        return items.Length > 3 ? Op('t') : Op((byte)(0x84 + items.Length));
    }

    public byte[] ToArray() => [.. _bytes];
}
