import '@covered/ui/styles.css'
import './app.css'
import urql from '@urql/vue'
import { createApp, shallowRef } from 'vue'
import App from './App.vue'
import { createUrqlClient } from './client'
import { createAppRouter } from './router'
import { SessionKey, createSession } from './session/session'

const client = shallowRef(createUrqlClient())
const session = createSession(client, () => createUrqlClient())
const router = createAppRouter(session)

createApp(App).use(urql, client).provide(SessionKey, session).use(router).mount('#app')
