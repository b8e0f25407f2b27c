#!/bin/sh
# Regenerates the recorded clips of the counter's Chinese voice announcements (run once; the clips
# are committed). espeak-ng's Mandarin voice, then shrunk to 11 kHz 8-bit mono with leading and
# trailing silence cut, so all clips together stay small. Needs espeak-ng and python3 (≤ 3.12).
set -e
dir="$(dirname "$0")/../resources/voice/zh-CN"
mkdir -p "$dir"
for w in 会员卡收款 会员卡充值 会员卡退款 余额 零 一 二 三 四 五 六 七 八 九 十 百 千 万 亿 元 角 分 负; do
  espeak-ng -v cmn -s 190 -w "$dir/$w.wav" "$w"
done
python3 - "$dir" <<'PY'
import audioop, os, sys, wave, warnings
warnings.simplefilter('ignore')
d = sys.argv[1]
for f in os.listdir(d):
    p = os.path.join(d, f)
    with wave.open(p) as w:
        rate, width, frames = w.getframerate(), w.getsampwidth(), w.readframes(w.getnframes())
    frames, _ = audioop.ratecv(frames, width, 1, rate, 11025, None)
    # Cut silence (samples below 1.5% of full scale) at both ends, keeping 20 ms.
    n = len(frames) // width
    loud = [i for i in range(n) if abs(audioop.getsample(frames, width, i)) > 500]
    if loud:
        a, b = max(0, loud[0] - 220), min(n, loud[-1] + 220)
        frames = frames[a * width:b * width]
    frames = audioop.bias(audioop.lin2lin(frames, width, 1), 1, 128)
    with wave.open(p, 'wb') as w:
        w.setnchannels(1); w.setsampwidth(1); w.setframerate(11025); w.writeframes(frames)
PY
