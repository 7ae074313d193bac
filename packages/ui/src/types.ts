export interface SelectOption {
  value: string
  label: string
}

export interface LoginCredentials {
  email: string
  password: string
}
