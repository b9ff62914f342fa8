import { ref } from 'vue';

/** Below this width the side menu becomes a drawer and tables drop their fixed columns. */
const NARROW = '(max-width: 767px)';

const query = window.matchMedia(NARROW);

/** True on a phone-sized screen; follows rotation and window resizing. */
export const isNarrow = ref(query.matches);

query.addEventListener('change', (event) => {
  isNarrow.value = event.matches;
});
