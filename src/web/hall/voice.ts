import { callSentence } from '../../modules/queue/ticket.rules.ts';

/**
 * 语音叫号: a two-tone chime (Web Audio, no file to fetch) then the sentence in zh-CN through the
 * browser's speech synthesis. Browsers allow sound only after a touch on the page, so the screen asks
 * for one; silent mode keeps the screen quiet (a second screen in the same hall, or a meeting).
 */
let audio: AudioContext | undefined;

export function unlockSound(): void {
  audio ??= new AudioContext();
  void audio.resume();
}

function chime(): Promise<void> {
  if (!audio) return Promise.resolve();
  const context = audio;
  const start = context.currentTime;
  for (const [index, frequency] of [880, 660].entries()) {
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, start + index * 0.35);
    gain.gain.exponentialRampToValueAtTime(0.3, start + index * 0.35 + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + index * 0.35 + 0.33);
    oscillator.connect(gain).connect(context.destination);
    oscillator.start(start + index * 0.35);
    oscillator.stop(start + index * 0.35 + 0.34);
  }
  return new Promise((resolve) => setTimeout(resolve, 750));
}

function chineseVoice(): SpeechSynthesisVoice | undefined {
  return speechSynthesis.getVoices().find((voice) => voice.lang.replace('_', '-').toLowerCase().startsWith('zh-cn'));
}

/** Says "请 A005 号到 3 号窗口办理" twice (the hall is noisy), after the chime. */
export async function announce(ticketNo: string, windowNumber: string): Promise<void> {
  await chime();
  if (typeof speechSynthesis === 'undefined') return;
  const text = callSentence(ticketNo.split('').join(' '), windowNumber);
  for (let i = 0; i < 2; i++) {
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = 'zh-CN';
    utterance.rate = 0.9;
    const voice = chineseVoice();
    if (voice) utterance.voice = voice;
    speechSynthesis.speak(utterance);
  }
}

const SILENT_KEY = 'yizhan.hall.silent';
export const isSilentSaved = (): boolean => localStorage.getItem(SILENT_KEY) === '1';
export const saveSilent = (silent: boolean) => {
  localStorage.setItem(SILENT_KEY, silent ? '1' : '0');
};
